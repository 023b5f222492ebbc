package swarm

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types/image"
	"github.com/docker/docker/api/types/volume"
	"github.com/docker/docker/client"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/dockertest"
	"github.com/berth-dev/berth/backends/swarm/swarmtest"
	"github.com/berth-dev/berth/planner"
)

// silentEngine is a node engine that accepts connections and never
// answers (a frozen daemon, a node cut off the network): a listener on
// 127.0.0.1 that reads nothing and writes nothing.
func silentEngine(t *testing.T) *client.Client {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	held := make(chan net.Conn, 16)
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			held <- c
		}
	}()
	t.Cleanup(func() {
		l.Close()
		for {
			select {
			case c := <-held:
				c.Close()
			default:
				return
			}
		}
	})
	c, err := client.NewClientWithOpts(client.WithHost("tcp://"+l.Addr().String()), client.WithVersion("1.41"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// testVolume makes a volume of project on the engine, removed after the
// test if it is still there.
func testVolume(t *testing.T, cli *client.Client, project string) string {
	t.Helper()
	name := project + "_data"
	if _, err := cli.VolumeCreate(context.Background(), volume.CreateOptions{Name: name, Labels: map[string]string{LabelProject: project}}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cli.VolumeRemove(context.Background(), name, true) })
	return name
}

// A node that never answers is skipped with the warning of one that is
// down when destroy removes the volumes, and the real engine beside it is
// cleaned all the same: the destroy waited on it for ever after removing
// every service.
func TestRemoveVolumesSkipsANodeThatNeverAnswers(t *testing.T) {
	live := dockertest.Client(t)
	project := fmt.Sprintf("swhang%d", time.Now().UnixNano()%1e6)
	vol := testVolume(t, live, project)
	defer func(d time.Duration) { nodeAnswerTimeout = d }(nodeAnswerTimeout)
	nodeAnswerTimeout = 500 * time.Millisecond
	hung := silentEngine(t)
	b := &Backend{cli: live, nodes: []*client.Client{hung, live}}
	var out bytes.Buffer
	type result struct {
		down []string
		err  error
	}
	done := make(chan result, 1)
	go func() {
		down, err := b.removeVolumes(context.Background(), project, backends.NewProgress(&out, false))
		done <- result{down, err}
	}()
	select {
	case r := <-done:
		if r.err != nil || len(r.down) != 1 || r.down[0] != hung.DaemonHost() {
			t.Errorf("down %v, err %v; want the silent engine down", r.down, r.err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("removeVolumes waited on a node that never answers")
	}
	if _, err := live.VolumeInspect(context.Background(), vol); err == nil {
		t.Errorf("volume %s is still on the engine that answers", vol)
	}
	if !strings.Contains(out.String(), "removed 1 volumes of "+project) {
		t.Errorf("progress does not say the volume was removed:\n%s", out.String())
	}
}

// A node engine that never answers is skipped, with the warning of one
// that is down, when apply copies the manager's local images to the
// nodes: the apply waited on its image inspect for ever, before any step.
func TestDistributeImagesSkipsANodeThatNeverAnswers(t *testing.T) {
	manager := dockertest.Client(t)
	ref := fmt.Sprintf("berth-hang-test:%d", time.Now().UnixNano()%1e6)
	if err := swarmtest.BuildImage(context.Background(), manager, ref, swarmtest.UnhealthyProgram); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { manager.ImageRemove(context.Background(), ref, image.RemoveOptions{Force: true}) })
	defer func(d time.Duration) { nodeAnswerTimeout = d }(nodeAnswerTimeout)
	nodeAnswerTimeout = 500 * time.Millisecond
	b := &Backend{cli: manager, nodes: []*client.Client{silentEngine(t)}}
	attrs := planner.Attrs{}
	attrs.Set(attrImage, ref)
	p := &planner.Plan{Changes: []*planner.Change{{Address: planner.Address{Type: TypeService, Name: "api"}, Action: planner.Create,
		After: &planner.Resource{Address: planner.Address{Type: TypeService, Name: "api"}, Attrs: attrs}}}}
	var out bytes.Buffer
	done := make(chan error, 1)
	go func() { done <- b.distributeImages(context.Background(), p, backends.NewProgress(&out, false)) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("err = %v, want the node skipped", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("distributeImages waited on a node that never answers")
	}
	if !strings.Contains(out.String(), "does not answer") {
		t.Errorf("no warning about the node:\n%s", out.String())
	}
}
