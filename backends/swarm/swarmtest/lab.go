// Package swarmtest gives tests the multi-node swarm lab that
// scripts/swarm-lab.sh starts, or a clear verdict when there is none: under
// CI=true a missing or unreachable lab fails the test; elsewhere it skips.
//
// The lab is described by one line in BERTH_SWARM_LAB, the output of
// `scripts/swarm-lab.sh env`:
//
//	manager=unix:///…/n1/docker.sock;nodes=unix:///…/n1/docker.sock,…;netns=/var/run/netns/berthlab-n1,…;state=…;script=…/swarm-lab.sh
//
// Each node is a dockerd in its own network namespace. Test traffic goes to
// 127.0.0.1 inside a node's namespace (Node.Dial), never to the lab's
// 10.231.0.x addresses.
package swarmtest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/client"
	"golang.org/x/sys/unix"
)

// EnvVar names the variable that describes the lab.
const EnvVar = "BERTH_SWARM_LAB"

// Lab is a running lab swarm.
type Lab struct {
	ManagerHost string // DOCKER_HOST of the manager (node 1)
	Manager     *client.Client
	Nodes       []*Node
	State       string // the lab's state directory
	Script      string // scripts/swarm-lab.sh, for kill/start
	Registry    string // the lab's plain-HTTP registry (host:port), or ""
}

// Node is one dockerd of the lab.
type Node struct {
	Index  int    // 1-based, as in `swarm-lab.sh kill I`
	Host   string // its DOCKER_HOST
	NetNS  string // its network namespace, e.g. /var/run/netns/berthlab-n2
	ID     string // its swarm node ID
	Client *client.Client
}

// Info is the parsed form of the BERTH_SWARM_LAB line.
type Info struct {
	Manager  string
	Nodes    []string
	NetNS    []string
	State    string
	Script   string
	Registry string
}

// ParseInfo parses the BERTH_SWARM_LAB line.
func ParseInfo(s string) (Info, error) {
	var in Info
	for _, kv := range strings.Split(strings.TrimSpace(s), ";") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return in, fmt.Errorf("%s: %q is not key=value", EnvVar, kv)
		}
		switch k {
		case "manager":
			in.Manager = v
		case "nodes":
			in.Nodes = splitList(v)
		case "netns":
			in.NetNS = splitList(v)
		case "state":
			in.State = v
		case "script":
			in.Script = v
		case "registry":
			in.Registry = v
		}
	}
	if in.Manager == "" || len(in.Nodes) == 0 {
		return in, fmt.Errorf("%s: manager and nodes are required", EnvVar)
	}
	if len(in.NetNS) != 0 && len(in.NetNS) != len(in.Nodes) {
		return in, fmt.Errorf("%s: %d nodes but %d netns", EnvVar, len(in.Nodes), len(in.NetNS))
	}
	return in, nil
}

func splitList(v string) []string {
	if v == "" {
		return nil
	}
	return strings.Split(v, ",")
}

// Get returns the lab, connected and checked: every node answers and is in
// the swarm. It fails the test under CI=true and skips it otherwise when
// there is no usable lab.
func Get(t testing.TB) *Lab {
	t.Helper()
	line := os.Getenv(EnvVar)
	if in, err := ParseInfo(line); err == nil && line != "" {
		// Take turns first: a test of another package may have a node
		// down right now, and gives it back before it lets go.
		exclusive(t, in.State)
	}
	lab, err := connect(line)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("the swarm lab is required (CI=true): %v\n"+
				"start it with `scripts/swarm-lab.sh up 3` and export %s=\"$(scripts/swarm-lab.sh env)\", or run `make test`", err, EnvVar)
		}
		t.Skipf("no swarm lab (%v); `scripts/swarm-lab.sh up 3` starts one", err)
	}
	t.Cleanup(lab.close)
	return lab
}

// exclusive holds the lab's test lock (in its state directory) until the
// test ends: tests of different packages (go test runs them in parallel)
// take turns, so one never kills a node under another's apply, nor finds
// a node another test killed and has not started again.
func exclusive(t testing.TB, state string) {
	if state == "" {
		return
	}
	f, err := os.OpenFile(filepath.Join(state, "test.lock"), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		t.Fatalf("lab lock: %v", err)
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX); err != nil {
		f.Close()
		t.Fatalf("lab lock: %v", err)
	}
	t.Cleanup(func() { f.Close() }) // closing releases the lock
}

func connect(line string) (*Lab, error) {
	if line == "" {
		return nil, fmt.Errorf("%s is not set", EnvVar)
	}
	in, err := ParseInfo(line)
	if err != nil {
		return nil, err
	}
	lab := &Lab{ManagerHost: in.Manager, State: in.State, Script: in.Script, Registry: in.Registry}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for i, host := range in.Nodes {
		cli, err := NewClient(host)
		if err != nil {
			lab.close()
			return nil, err
		}
		n := &Node{Index: i + 1, Host: host, Client: cli}
		if len(in.NetNS) > 0 {
			n.NetNS = in.NetNS[i]
		}
		lab.Nodes = append(lab.Nodes, n)
		info, err := cli.Info(ctx)
		if err != nil {
			lab.close()
			return nil, fmt.Errorf("node %d (%s) does not answer: %w", i+1, host, err)
		}
		if info.Swarm.NodeID == "" {
			lab.close()
			return nil, fmt.Errorf("node %d (%s) is not in a swarm (state %q)", i+1, host, info.Swarm.LocalNodeState)
		}
		n.ID = info.Swarm.NodeID
		if host == in.Manager {
			lab.Manager = cli
		}
	}
	if lab.Manager == nil {
		lab.close()
		return nil, fmt.Errorf("%s: the manager %s is not one of the nodes", EnvVar, in.Manager)
	}
	return lab, nil
}

// NewClient returns an Engine API client of host (a DOCKER_HOST value).
func NewClient(host string) (*client.Client, error) {
	return client.NewClientWithOpts(client.WithHost(host), client.WithAPIVersionNegotiation())
}

func (l *Lab) close() {
	for _, n := range l.Nodes {
		if n.Client != nil {
			n.Client.Close()
		}
	}
}

// NodeByID returns the lab node with the swarm node ID, or nil.
func (l *Lab) NodeByID(id string) *Node {
	for _, n := range l.Nodes {
		if n.ID == id {
			return n
		}
	}
	return nil
}
