package swarm

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/docker/docker/api/types/swarm"
	"github.com/docker/docker/client"
)

// fakeEngine answers the few manager requests the executor's waits make
// (service, task and node listings, service removal) from what a test
// sets, so a wait can be tested without a swarm.
type fakeEngine struct {
	mu       sync.Mutex
	services []swarm.Service
	tasks    []swarm.Task
	nodes    []swarm.Node
	// networkRemoveErr is the engine's answer to a network removal
	// (403), "" for success.
	networkRemoveErr string
	networkRemoves   int
	volumes          []string // volume names VolumeList answers
	removedVolumes   []string
}

func (f *fakeEngine) set(fn func(f *fakeEngine)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	fn(f)
}

// client starts the fake's server and returns a client of it.
func (f *fakeEngine) client(t *testing.T) *client.Client {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		defer f.mu.Unlock()
		path := r.URL.Path[strings.Index(r.URL.Path[1:], "/")+1:] // cut /v1.41
		var body any
		switch {
		case r.Method == http.MethodGet && path == "/services":
			body = f.services
		case r.Method == http.MethodGet && path == "/tasks":
			body = f.tasks
		case r.Method == http.MethodGet && path == "/nodes":
			body = f.nodes
		case r.Method == http.MethodDelete && strings.HasPrefix(path, "/services/"):
			w.WriteHeader(http.StatusOK)
			return
		case r.Method == http.MethodGet && path == "/containers/json":
			body = []any{}
		case r.Method == http.MethodGet && path == "/volumes":
			vols := []map[string]string{}
			for _, v := range f.volumes {
				vols = append(vols, map[string]string{"Name": v})
			}
			body = map[string]any{"Volumes": vols}
		case r.Method == http.MethodDelete && strings.HasPrefix(path, "/volumes/"):
			f.removedVolumes = append(f.removedVolumes, strings.TrimPrefix(path, "/volumes/"))
			w.WriteHeader(http.StatusNoContent)
			return
		case r.Method == http.MethodDelete && strings.HasPrefix(path, "/networks/"):
			f.networkRemoves++
			if f.networkRemoveErr != "" {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusForbidden)
				json.NewEncoder(w).Encode(map[string]string{"message": f.networkRemoveErr})
				return
			}
			w.WriteHeader(http.StatusNoContent)
			return
		default:
			http.Error(w, `{"message":"not faked: `+r.Method+" "+path+`"}`, http.StatusNotImplemented)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(body)
	}))
	t.Cleanup(srv.Close)
	cli, err := client.NewClientWithOpts(client.WithHost("tcp://"+strings.TrimPrefix(srv.URL, "http://")), client.WithVersion("1.41"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cli.Close() })
	return cli
}
