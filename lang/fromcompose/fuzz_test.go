package fromcompose

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// FuzzImport: whatever the Compose file holds, import returns diagnostics
// or source, never a panic.
func FuzzImport(f *testing.F) {
	recoverPanics = false
	for _, dir := range []string{"wordpress", "voting", "stack", "anchors"} {
		files, _ := filepath.Glob(filepath.Join("testdata", dir, "*.y*ml"))
		for _, p := range files {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
	}
	f.Add([]byte("services:\n  a:\n    image: [x\n"))
	f.Add([]byte("services:\n  web.x:\n    ports: ['8000-8001:80']\n    volumes: [/anon]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		dir := t.TempDir()
		path := filepath.Join(dir, "compose.yaml")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		p, src, diags := Load(context.Background(), Options{Files: []string{path}, Project: "fuzz"})
		if diags.HasErrors() || p == nil {
			return
		}
		Convert(p, src, dir)
	})
}
