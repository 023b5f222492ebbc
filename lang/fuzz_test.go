package lang

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// FuzzLoad loads arbitrary bytes as a spec file (with a second, fixed
// file beside it, so cross-file checks run too). Load must never panic;
// the recovery in Load is off so that a crash is a failure here. Every
// diagnostic must have a range in a file and no Go in its words.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(`service "a" {}`))
	f.Add([]byte("locals {\n  a = local.b\n  b = local.a\n}\n"))
	// One-line blocks of several arguments (written out before parsing,
	// then every position is put back): splats, for expressions,
	// templates and nested blocks inside them.
	f.Add([]byte("locals { ids = var.names[*].n  m = { for i, v in var.names : v.n => i } }\n" +
		"service \"api\" { port { published = 8080, target = 80 }  endpoint \"e\" { call \"other\" { fallback = \"x\" } } }\n" +
		"service \"b\" {\n  env = { B = \"${length(local.ids)}%{ if true }y%{ endif }\" }\n  capacity { workers = length(var.names[*].n)  service_time = \"exp(2ms)\" }\n}\n"))
	// Dynamic blocks, nested, with an iterator, inside a for_each service.
	f.Add([]byte("service \"s\" {\n  for_each = toset([\"a\"])\n  endpoint \"e\" {\n    dynamic \"parallel\" {\n      for_each = [1, 2]\n" +
		"      content {\n        dynamic \"call\" {\n          for_each = { x = \"other\" }\n          iterator = c\n          labels   = [c.value]\n" +
		"          content {\n            probability = c.key == each.key ? 1 : 0.5\n          }\n        }\n      }\n    }\n  }\n}\n"))
	// Every mistake of TestMistakes, to start from realistic errors.
	mistakes, _ := filepath.Glob("testdata/mistakes/*/*" + SpecSuffix)
	for _, m := range mistakes {
		if src, err := os.ReadFile(m); err == nil {
			f.Add(src)
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		recoverPanics = false
		defer func() { recoverPanics = true }()
		fsys := fstest.MapFS{
			"fuzz.berth.hcl":  &fstest.MapFile{Data: src},
			"other.berth.hcl": &fstest.MapFile{Data: []byte("service \"other\" {\n  endpoint \"e\" {}\n}\nqueue \"q\" {}\n")},
			"data.txt":        &fstest.MapFile{Data: []byte("hello")},
		}
		l := NewLoader()
		spec, diags := l.Load(".", Options{FS: fsys, Environ: []string{"BERTH_VAR_x=1"}, Vars: map[string]string{}})
		for _, d := range diags {
			if d.Summary == "" {
				t.Errorf("diagnostic without a summary: %+v", d)
			}
			if d.Subject == nil || d.Subject.Filename == "" || d.Subject.Start.Line < 1 || d.Subject.Start.Column < 1 {
				t.Errorf("diagnostic %q without a range: %+v", d.Summary, d.Subject)
			}
			for _, w := range goish {
				if strings.Contains(d.Summary+" "+d.Detail, w) {
					t.Errorf("diagnostic %q says %q: %s", d.Summary, w, d.Detail)
				}
			}
		}
		if spec != nil {
			_ = spec.Clone()
			_ = spec.CallGraph().Cycles()
		}
	})
}
