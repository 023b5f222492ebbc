package review

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/berth-dev/berth/lang"
)

const shopDir = "../../examples/shop"

// side loads a spec from fsys (nil: the OS) and dir.
func side(t *testing.T, label, dir string, fsys fstest.MapFS) Side {
	t.Helper()
	l := lang.NewLoader()
	opts := lang.Options{Environ: []string{}}
	if fsys != nil {
		opts.FS = fsys
	}
	spec, diags := l.Load(dir, opts)
	if diags.HasErrors() {
		t.Fatalf("load %s: %v", label, diags)
	}
	s := Side{Label: label, Spec: spec, Files: l.Files()}
	if fsys != nil {
		s.FS = fsys
	}
	return s
}

// editedShop returns the shop as a MapFS under "shop/", with each
// replacement applied once to the named file (failing when the old text
// is not there).
func editedShop(t *testing.T, file string, repl ...string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	entries, err := os.ReadDir(shopDir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() {
			continue
		}
		src, err := os.ReadFile(filepath.Join(shopDir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		s := string(src)
		if e.Name() == file {
			for i := 0; i+1 < len(repl); i += 2 {
				if !strings.Contains(s, repl[i]) {
					t.Fatalf("%s holds no %q", file, repl[i])
				}
				s = strings.Replace(s, repl[i], repl[i+1], 1)
			}
		}
		fsys["shop/"+e.Name()] = &fstest.MapFile{Data: []byte(s)}
	}
	secret, err := os.ReadFile(filepath.Join(shopDir, "secrets", "db_password.txt"))
	if err != nil {
		t.Fatal(err)
	}
	fsys["shop/secrets/db_password.txt"] = &fstest.MapFile{Data: secret}
	return fsys
}

// lineOf returns the 1-based line of the first occurrence of text after
// the first occurrence of anchor in the MapFS file.
func lineOf(t *testing.T, fsys fstest.MapFS, file, anchor, text string) int {
	t.Helper()
	src := string(fsys[file].Data)
	a := strings.Index(src, anchor)
	i := strings.Index(src[a:], text)
	if a < 0 || i < 0 {
		t.Fatalf("%s: no %q after %q", file, text, anchor)
	}
	return strings.Count(src[:a+i], "\n") + 1
}
