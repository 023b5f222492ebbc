package swarm

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/swarm/swarmtest"
)

// A destroy that cannot reach a node's engine says that node's volumes
// are left and what to do, instead of a bare connection error.
func TestRemoveVolumesUnreachable(t *testing.T) {
	dead, err := swarmtest.NewClient("unix://" + t.TempDir() + "/gone.sock")
	if err != nil {
		t.Fatal(err)
	}
	b := New(dead, nil)
	defer b.Close()
	var out bytes.Buffer
	err = b.removeVolumes(context.Background(), "p", backends.NewProgress(&out, false))
	if err == nil || !strings.Contains(err.Error(), "the volumes of p on unix://") ||
		!strings.Contains(err.Error(), "does not answer (is its node down?); run berth destroy again once it is back") {
		t.Errorf("error %v", err)
	}
}
