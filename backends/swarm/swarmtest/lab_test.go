package swarmtest

import (
	"context"
	"testing"
	"time"

	"github.com/docker/docker/api/types/swarm"
	"github.com/google/go-cmp/cmp"
)

func TestParseInfo(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    Info
		wantErr bool
	}{
		{
			name: "full",
			in:   "manager=unix:///s/n1/docker.sock;nodes=unix:///s/n1/docker.sock,unix:///s/n2/docker.sock;netns=/ns/a,/ns/b;state=/s;script=/x/swarm-lab.sh\n",
			want: Info{
				Manager: "unix:///s/n1/docker.sock",
				Nodes:   []string{"unix:///s/n1/docker.sock", "unix:///s/n2/docker.sock"},
				NetNS:   []string{"/ns/a", "/ns/b"},
				State:   "/s", Script: "/x/swarm-lab.sh",
			},
		},
		{
			name: "with a registry",
			in:   "manager=unix:///a;nodes=unix:///a;registry=10.231.0.254:5000",
			want: Info{Manager: "unix:///a", Nodes: []string{"unix:///a"}, Registry: "10.231.0.254:5000"},
		},
		{name: "no manager", in: "nodes=unix:///a", wantErr: true},
		{name: "not key=value", in: "manager", wantErr: true},
		{name: "netns count mismatch", in: "manager=a;nodes=a,b;netns=x", wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseInfo(tt.in)
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if err == nil {
				if d := cmp.Diff(tt.want, got); d != "" {
					t.Errorf("(-want +got)\n%s", d)
				}
			}
		})
	}
}

// TestLabNodesReady checks the lab itself: every node is a Ready member of
// one swarm with node 1 as its leader.
func TestLabNodesReady(t *testing.T) {
	lab := Get(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	nodes, err := lab.Manager.NodeList(ctx, swarm.NodeListOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(nodes) != len(lab.Nodes) {
		t.Fatalf("swarm has %d nodes, the lab %d", len(nodes), len(lab.Nodes))
	}
	for _, n := range nodes {
		if n.Status.State != swarm.NodeStateReady {
			t.Errorf("node %s (%s) is %s", n.ID, n.Status.Addr, n.Status.State)
		}
		if lab.NodeByID(n.ID) == nil {
			t.Errorf("swarm node %s is not a lab node", n.ID)
		}
	}
	if got := leaderID(nodes); got != lab.Nodes[0].ID {
		t.Errorf("leader is %q, want node 1 (%s)", got, lab.Nodes[0].ID)
	}
}

func leaderID(nodes []swarm.Node) string {
	for _, n := range nodes {
		if n.ManagerStatus != nil && n.ManagerStatus.Leader {
			return n.ID
		}
	}
	return ""
}
