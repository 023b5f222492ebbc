package lang

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
)

const varsSpec = `
variable "n" {
  type    = number
  default = 1
  validation {
    condition     = var.n < 100
    error_message = "n must stay below 100."
  }
}
variable "image" {
  type    = string
  default = "app:1"
}
variable "cmd" {
  type    = list(string)
  default = []
}
variable "anything" {
  default = "x"
}
service "api" {
  replicas = var.n
  image    = var.image
  command  = var.cmd
  labels   = { anything = var.anything }
}
`

func TestVariables(t *testing.T) {
	varFile := filepath.Join(t.TempDir(), "prod.berthvars")
	if err := os.WriteFile(varFile, []byte("n = 5\ncmd = [\"serve\", \"--fast\"]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		opts    Options
		n       int
		image   string
		cmd     []string
		any     string
		wantErr string
	}{
		{name: "defaults", n: 1, image: "app:1", cmd: []string{}, any: "x"},
		{name: "-var", opts: Options{Vars: map[string]string{"n": "3", "image": "nginx:1.27", "cmd": `["a", "b"]`}}, n: 3, image: "nginx:1.27", cmd: []string{"a", "b"}, any: "x"},
		{name: "-var bare string", opts: Options{Vars: map[string]string{"anything": "hello world"}}, n: 1, image: "app:1", cmd: []string{}, any: "hello world"},
		{name: "-var expression", opts: Options{Vars: map[string]string{"n": "2 * 4"}}, n: 8, image: "app:1", cmd: []string{}, any: "x"},
		{name: "env", opts: Options{Environ: []string{"BERTH_VAR_n=7", "BERTH_VAR_image=env:2", "OTHER=1", "BERTH_VAR_unknown=1"}}, n: 7, image: "env:2", cmd: []string{}, any: "x"},
		{name: "var-file", opts: Options{VarFiles: []string{varFile}}, n: 5, image: "app:1", cmd: []string{"serve", "--fast"}, any: "x"},
		{name: "precedence", opts: Options{Vars: map[string]string{"n": "9"}, VarFiles: []string{varFile}, Environ: []string{"BERTH_VAR_n=7", "BERTH_VAR_image=env:2"}}, n: 9, image: "env:2", cmd: []string{"serve", "--fast"}, any: "x"},
		{name: "file over env", opts: Options{VarFiles: []string{varFile}, Environ: []string{"BERTH_VAR_n=7"}}, n: 5, image: "app:1", cmd: []string{"serve", "--fast"}, any: "x"},
		{name: "validation", opts: Options{Vars: map[string]string{"n": "200"}}, wantErr: "n must stay below 100."},
		{name: "conversion", opts: Options{Vars: map[string]string{"n": "many"}}, wantErr: "does not fit its type number"},
		{name: "undeclared", opts: Options{Vars: map[string]string{"imgae": "1"}}, wantErr: `Did you mean "image"?`},
		{name: "missing var-file", opts: Options{VarFiles: []string{filepath.Join(t.TempDir(), "nope")}}, wantErr: "could not read the -var-file"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, diags := loadSrc(t, map[string]string{"main.berth.hcl": varsSpec}, tt.opts)
			if tt.wantErr != "" {
				if !diags.HasErrors() || !strings.Contains(diagText(diags), tt.wantErr) {
					t.Fatalf("want an error containing %q, got:\n%s", tt.wantErr, diagText(diags))
				}
				return
			}
			if diags.HasErrors() {
				t.Fatal(diagText(diags))
			}
			api := s.Service("api")
			if api.Replicas != tt.n || api.Image != tt.image || api.Labels["anything"] != tt.any {
				t.Errorf("got replicas %d image %q anything %q", api.Replicas, api.Image, api.Labels["anything"])
			}
			if diff := cmp.Diff(tt.cmd, api.Command); diff != "" {
				t.Errorf("command (-want +got):\n%s", diff)
			}
		})
	}
}

func TestVariableRequired(t *testing.T) {
	src := `
variable "image" {
  type = string
}
service "api" { image = var.image }
`
	_, diags := loadSrc(t, map[string]string{"main.berth.hcl": src}, Options{})
	if !diags.HasErrors() || !strings.Contains(diags[0].Detail, "BERTH_VAR_image") || diags[0].Subject.Start.Line != 2 {
		t.Fatalf("want a required-variable error with a fix hint, got:\n%s", diagText(diags))
	}
	s, diags := loadSrc(t, map[string]string{"main.berth.hcl": src}, Options{Environ: []string{"BERTH_VAR_image=x:1"}})
	if diags.HasErrors() || s.Service("api").Image != "x:1" || s.Variables["image"].Value.AsString() != "x:1" {
		t.Fatalf("env value not used: %s", diagText(diags))
	}
}

func TestVarFileErrorPointsAtFile(t *testing.T) {
	varFile := filepath.Join(t.TempDir(), "bad.vars")
	if err := os.WriteFile(varFile, []byte("\nn = \"lots\"\nzzz = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	l := NewLoader()
	fsys := map[string]string{"main.berth.hcl": varsSpec}
	_, diags := loadSrc(t, fsys, Options{VarFiles: []string{varFile}})
	var conv, undeclared bool
	for _, d := range diags {
		if d.Subject != nil && d.Subject.Filename == varFile {
			conv = conv || d.Summary == "Invalid value for variable" && d.Subject.Start.Line == 2
			undeclared = undeclared || d.Summary == "Value for undeclared variable" && d.Subject.Start.Line == 3
		}
	}
	if !conv || !undeclared {
		t.Fatalf("want diagnostics in the var file, got:\n%s", diagText(diags))
	}
	_ = l
}

// A syntax error in a -var-file keeps the file's source among the
// loader's files, so the diagnostic shows its snippet.
func TestVarFileSyntaxErrorHasSource(t *testing.T) {
	varFile := filepath.Join(t.TempDir(), "bad.vars")
	if err := os.WriteFile(varFile, []byte("n = \n"), 0o644); err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{"main.berth.hcl": &fstest.MapFile{Data: []byte(varsSpec)}}
	l := NewLoader()
	_, diags := l.Load(".", Options{FS: fsys, Environ: []string{}, VarFiles: []string{varFile}})
	var inFile bool
	for _, d := range diags {
		inFile = inFile || d.Subject != nil && d.Subject.Filename == varFile && d.Severity == hcl.DiagError
	}
	if !inFile {
		t.Fatalf("no error in the var file:\n%s", diagText(diags))
	}
	if f := l.Files()[varFile]; f == nil || string(f.Bytes) != "n = \n" {
		t.Errorf("the var file's source is not among the loader's files: %v", f)
	}
}

// TestValidationMessageSentence: the detail of a failed validation is the
// error_message as a sentence, then berth's: a message without final
// punctuation, an empty one or one hidden for a sensitive value no longer
// runs on into "This was checked ...".
func TestValidationMessageSentence(t *testing.T) {
	tests := []struct {
		name, message, vars, want string
	}{
		{"full stop kept", `"n is too large."`, "", "n is too large. This was checked"},
		{"question kept", `"too large?"`, "", "too large? This was checked"},
		{"no punctuation", `"n is too large"`, "", "n is too large. This was checked"},
		{"empty", `""`, "", "The value is not valid. This was checked"},
		{"sensitive", `"bad: ${var.n}"`, "  sensitive = true\n", "so it is not shown). This was checked"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "variable \"n\" {\n  type    = number\n  default = 5\n" + tt.vars +
				"  validation {\n    condition     = var.n < 2\n    error_message = " + tt.message + "\n  }\n}\n"
			_, diags := loadSrc(t, map[string]string{"main.berth.hcl": src}, Options{})
			if !strings.Contains(diagText(diags), tt.want) {
				t.Errorf("want %q in:\n%s", tt.want, diagText(diags))
			}
		})
	}
}

// TestVarFileJSON: a -var-file named *.json is read as terraform reads
// *.tfvars.json (it failed with 'Argument or block definition required'),
// its strings taken literally, its errors pointing into it.
func TestVarFileJSON(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "prod.json")
	if err := os.WriteFile(good, []byte(`{"n": 5, "cmd": ["serve", "${x}"], "image": "app:2"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	s, diags := loadSrc(t, map[string]string{"main.berth.hcl": varsSpec}, Options{VarFiles: []string{good}})
	if diags.HasErrors() {
		t.Fatal(diagText(diags))
	}
	api := s.Service("api")
	if api.Replicas != 5 || api.Image != "app:2" || !cmp.Equal(api.Command, []string{"serve", "${x}"}) {
		t.Errorf("got replicas %d image %q command %q", api.Replicas, api.Image, api.Command)
	}
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte("{\n  \"n\": \"lots\"\n}"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, diags = loadSrc(t, map[string]string{"main.berth.hcl": varsSpec}, Options{VarFiles: []string{bad}})
	if len(diags) != 1 || diags[0].Subject == nil || diags[0].Subject.Filename != bad || diags[0].Subject.Start.Line != 2 ||
		!strings.Contains(diags[0].Detail, "does not fit its type number") {
		t.Errorf("want one error at %s:2, got:\n%s", bad, diagText(diags))
	}
}
