package swarm

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/client"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/planner"
)

// A node engine that accepts and never answers (a frozen daemon, a node
// cut off the network) is skipped with the warning of one that is down:
// the apply waited on its image inspect for ever, before any step.
func TestDistributeImagesSkipsANodeThatNeverAnswers(t *testing.T) {
	manager := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"Id":"sha256:0123"}`)) // every image is there
	}))
	defer manager.Close()
	hung := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(time.Minute):
		}
	}))
	defer hung.Close()
	dial := func(url string) *client.Client {
		c, err := client.NewClientWithOpts(client.WithHost("tcp://"+strings.TrimPrefix(url, "http://")), client.WithVersion("1.41"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		return c
	}
	defer func(d time.Duration) { nodeAnswerTimeout = d }(nodeAnswerTimeout)
	nodeAnswerTimeout = 200 * time.Millisecond
	b := &Backend{cli: dial(manager.URL), nodes: []*client.Client{dial(hung.URL)}}
	attrs := planner.Attrs{}
	attrs.Set(attrImage, "berth-emulator:test")
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
	case <-time.After(10 * time.Second):
		t.Fatal("distributeImages waited on a node that never answers")
	}
	if !strings.Contains(out.String(), "does not answer") {
		t.Errorf("no warning about the node:\n%s", out.String())
	}
}

// So is one that never answers when destroy removes the volumes: the
// destroy waited on it for ever after removing every service.
func TestRemoveVolumesSkipsANodeThatNeverAnswers(t *testing.T) {
	hung := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(time.Minute):
		}
	}))
	defer hung.Close()
	c, err := client.NewClientWithOpts(client.WithHost("tcp://"+strings.TrimPrefix(hung.URL, "http://")), client.WithVersion("1.41"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	defer func(d time.Duration) { nodeAnswerTimeout = d }(nodeAnswerTimeout)
	nodeAnswerTimeout = 200 * time.Millisecond
	f := &fakeEngine{}
	b := &Backend{cli: f.client(t), nodes: []*client.Client{c}}
	var out bytes.Buffer
	type result struct {
		down []string
		err  error
	}
	done := make(chan result, 1)
	go func() {
		down, err := b.removeVolumes(context.Background(), "p", backends.NewProgress(&out, false))
		done <- result{down, err}
	}()
	select {
	case r := <-done:
		if r.err != nil || len(r.down) != 1 {
			t.Errorf("down %v, err %v; want the hung engine down", r.down, r.err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("removeVolumes waited on a node that never answers")
	}
}
