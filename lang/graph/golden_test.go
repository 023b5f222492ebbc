package graph

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// BERTH_UPDATE=1 rewrites the golden files from the current output.
var update = os.Getenv("BERTH_UPDATE") != ""

func TestGolden(t *testing.T) {
	old, new := diffSpecs()
	graphs := map[string]*Graph{
		"shop": New(shopSpec()),
		"diff": Merge(New(old), New(new)),
	}
	for name, g := range graphs {
		for ext, out := range map[string]string{"dot": g.DOT(), "mmd": g.Mermaid()} {
			checkGolden(t, filepath.Join("testdata", name+"."+ext), out)
		}
	}
}

func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with BERTH_UPDATE=1 to create it)", err)
	}
	if d := cmp.Diff(string(want), got); d != "" {
		t.Errorf("%s differs (-want +got; BERTH_UPDATE=1 rewrites it):\n%s", path, d)
	}
}
