package simulate

import (
	"strings"
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

// TestPlacementBackend: placement constraints are swarm's. Under compose
// every replica runs on the one host, so max_replicas_per_node and
// node.role constraints neither warn nor move replicas; under swarm an
// over-constrained service warns once, with counts in the right number.
func TestPlacementBackend(t *testing.T) {
	spec := func(backend string) *lang.Spec {
		sp := newSpec()
		sp.Backend, sp.Nodes = backend, 3
		s := addService(sp, "a", 3, 4, 4, lang.Const(time.Millisecond))
		s.Placement = lang.Placement{MaxReplicasPerNode: 2, Constraints: []string{"node.role == worker"}}
		addLoad(sp, "l", "a", 10, time.Second, 0)
		return sp
	}
	_, diags := Run(spec(lang.BackendCompose), Options{Seed: 1})
	for _, d := range diags {
		if strings.Contains(d.Summary, "cannot be placed") {
			t.Errorf("compose: unexpected %q: %s", d.Summary, d.Detail)
		}
	}
	sp := spec(lang.BackendSwarm)
	sp.Nodes = 2 // one worker: room for 2 of the 3 replicas
	_, diags = Run(sp, Options{Seed: 1})
	var found []string
	for _, d := range diags {
		if d.Summary == "Replica cannot be placed" {
			found = append(found, d.Detail)
		}
	}
	if len(found) != 1 || !strings.Contains(found[0], "asks for 3 replicas") || !strings.Contains(found[0], "fits only 2 replicas on 2 nodes") {
		t.Errorf("swarm: want one placement warning naming 3 replicas, 2 placed on 2 nodes; got %q", found)
	}
}
