package whatif

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/berth-dev/berth/lang"
)

// A file that is not fmt-clean is patched where the edit is, and nowhere
// else: one line out, one line in, for a changed value and for an added
// attribute.
func TestEditKeepsUnformattedFile(t *testing.T) {
	const src = `service "gateway" {
  image="shop/gateway:1"   # not aligned, no spaces
  replicas=3
  capacity {
      workers=8
  }
}
service   "orders" {
    image = "shop/orders:1"
}
load "peak" {
  entry = service.gateway
  rate  = 10
}
`
	l := lang.NewLoader()
	spec, diags := l.Load(".", lang.Options{FS: fstest.MapFS{"main.berth.hcl": {Data: []byte(src)}}, Environ: []string{}})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	dims := []Dimension{{Service: "gateway", Attr: "replicas"}, {Service: "orders", Attr: "replicas"}}
	e, err := EditFor(spec, l.Files(), dims, []float64{12, 2})
	if err != nil {
		t.Fatal(err)
	}
	var removed, added []string
	for _, line := range strings.Split(e.Diff, "\n") {
		switch {
		case strings.HasPrefix(line, "---"), strings.HasPrefix(line, "+++"):
		case strings.HasPrefix(line, "-"):
			removed = append(removed, line)
		case strings.HasPrefix(line, "+"):
			added = append(added, line)
		}
	}
	if strings.Join(removed, "\n") != "-  replicas=3" || len(added) != 2 ||
		added[0] != "+  replicas = 12" || !strings.Contains(added[1], "replicas = 2") {
		t.Errorf("want replicas=3 → replicas = 12 and an added replicas = 2, nothing else:\n%s", e.Diff)
	}
}
