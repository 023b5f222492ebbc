package lang

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

const secretValue = "SUPERSECRETVALUE"

// sensitiveSpec is a spec with a sensitive variable k (a string), m (a map
// of strings) and l (a list of strings), plus the body of service "api".
func sensitiveSpec(extra, body string) string {
	return fmt.Sprintf(`
variable "k" {
  sensitive = true
  default   = %q
}
variable "m" {
  type      = map(string)
  sensitive = true
  default   = { A = "aa", B = "bb" }
}
variable "l" {
  type      = list(string)
  sensitive = true
  default   = ["x", "y"]
}
%s
service "api" {
  image = "app:1"
%s
}
`, secretValue, extra, body)
}

// TestSensitiveEnv: the env keys that derive from a sensitive variable are
// recorded, the value itself reaches the model unmarked.
func TestSensitiveEnv(t *testing.T) {
	tests := []struct {
		name, extra, body string
		want              []string
	}{
		{"direct", "", `env = { KEY = var.k, PLAIN = "p" }`, []string{"env.KEY"}},
		{"template", "", `env = { KEY = "Bearer ${var.k}" }`, []string{"env.KEY"}},
		{"merge of a local", `locals { base = { LOG = "info" } }`, `env = merge(local.base, { KEY = upper(var.k) })`, []string{"env.KEY"}},
		{"whole map", "", `env = var.m`, []string{"env"}},
		{"sensitive()", "", `env = { KEY = sensitive("lit") }`, []string{"env.KEY"}},
		{"nonsensitive()", "", `env = { KEY = nonsensitive(var.k) }`, nil},
		{"conditional", "", `env = { KEY = var.k != "" ? var.k : "none" }`, []string{"env.KEY"}},
		{"index of a map", "", `env = { KEY = var.m["A"] }`, []string{"env.KEY"}},
		{"for expression", "", `env = { for k, v in var.m : k => v }`, []string{"env"}},
		{"not sensitive", "", `env = { KEY = "v" }`, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spec, diags := loadSrc(t, map[string]string{"main.berth.hcl": sensitiveSpec(tt.extra, tt.body)}, Options{})
			if diags.HasErrors() {
				t.Fatal(diagText(diags))
			}
			got := spec.Services["api"].Sensitive
			slices.Sort(got)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Sensitive = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestSensitiveNeverPanics evaluates sensitive values in every kind of
// place a value is converted to Go: each is an error with a range (or
// fine), never a panic, and no message shows the value.
func TestSensitiveNeverPanics(t *testing.T) {
	tests := []struct {
		extra, body string
		err         string // summary of the expected error; "" for none
	}{
		{"", `replicas = length(var.l)`, "Sensitive value not allowed here"},
		{`service "b" { image = var.k }`, ``, "Sensitive value not allowed here"},
		{"", `command = var.l`, "Sensitive value not allowed here"},
		{"", `labels = { a = var.k }`, "Sensitive value not allowed here"},
		{"", `networks = [var.k]`, "Sensitive value not allowed here"},
		{"", `depends_on = var.l`, "Sensitive value not allowed here"},
		{"", `endpoint_mode = var.k`, "Sensitive value not allowed here"},
		{"", "health {\n http = var.k\n interval = var.k\n}", "Sensitive value not allowed here"},
		{"", "resources {\n memory = var.k\n cpus = length(var.k)\n}", "Sensitive value not allowed here"},
		{"", "capacity {\n service_time = var.k\n}", "Sensitive value not allowed here"},
		{"", "port {\n target = length(var.l)\n}", "Sensitive value not allowed here"},
		{"", `env = { (var.k) = "v" }`, ""},
		{`secret "s" { value = var.k }`, `secrets = [secret.s]`, ""},
		{`config "c" { content = var.k }`, ``, "Sensitive value not allowed here"},
		{`network "n" { labels = var.m }`, ``, "Sensitive value not allowed here"},
		{`service "fe" {
  for_each = { a = var.k, b = "plain" }
  image = "x"
  env = { V = each.value }
}`, ``, ""},
		{`service "fe" {
  for_each = var.m
  image = "x"
}`, ``, "Invalid for_each argument"},
		{`service "fe" {
  for_each = toset(var.l)
  image = "x"
}`, ``, "Invalid for_each argument"},
		{`service "fe" {
  for_each = [var.k]
  image = "x"
}`, ``, "Invalid for_each argument"},
		{`service "fe" {
  for_each = { a = 1 }
  name = var.k
  image = "x"
}`, ``, "Sensitive value not allowed here"},
		{`variable "v" {
  default = "x"
  validation {
    condition     = var.v == "x"
    error_message = "bad"
  }
}`, ``, ""},
		{`variable "v" {
  sensitive = true
  default = "x"
  validation {
    condition     = var.v == "y"
    error_message = "bad: ${var.v}"
  }
}`, ``, "Invalid value for variable"},
		{`locals { x = var.k }`, `env = { X = local.x }`, ""},
		{`variable "d" {
  default = sensitive("z")
}`, `env = { D = var.d }`, ""},
	}
	for i, tt := range tests {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			_, diags := loadSrc(t, map[string]string{"main.berth.hcl": sensitiveSpec(tt.extra, tt.body)}, Options{})
			var found bool
			for _, d := range diags {
				if d.Severity != 0 && d.Summary == tt.err {
					found = true
				}
				if d.Subject == nil && d.Summary == tt.err {
					t.Errorf("%s has no range", d.Summary)
				}
			}
			if tt.err == "" && diags.HasErrors() {
				t.Errorf("unexpected errors:\n%s", diagText(diags))
			}
			if tt.err != "" && !found {
				t.Errorf("want %q, got:\n%s", tt.err, diagText(diags))
			}
			if text := diagText(diags); strings.Contains(text, secretValue) || strings.Contains(text, "bad: x") {
				t.Errorf("a diagnostic shows the sensitive value:\n%s", text)
			}
		})
	}
}

// TestSensitiveVariableFromDefault: a default written with sensitive()
// makes the variable sensitive, and the model's values carry no marks.
func TestSensitiveVariableFromDefault(t *testing.T) {
	spec, diags := loadSrc(t, map[string]string{"main.berth.hcl": sensitiveSpec(`variable "d" {
  default = sensitive("z")
}`, `env = { D = var.d }`)}, Options{})
	if diags.HasErrors() {
		t.Fatal(diagText(diags))
	}
	v := spec.Variables["d"]
	if !v.Sensitive || v.Value.ContainsMarked() || v.Default.ContainsMarked() {
		t.Errorf("var.d: sensitive %v, marked value %v, marked default %v", v.Sensitive, v.Value.ContainsMarked(), v.Default.ContainsMarked())
	}
	if got := spec.Services["api"].Env["D"]; got != "z" {
		t.Errorf("env D = %q, want the real value", got)
	}
	if !spec.Services["api"].IsSensitive("env.D") {
		t.Error("env.D is not sensitive")
	}
}

// TestSensitiveNotInMessages: a message of hcl or cty that quotes the
// value it failed on names a sensitive one as "(sensitive value)"; it
// printed the secret.
func TestSensitiveNotInMessages(t *testing.T) {
	tests := []struct{ name, body string }{
		{"tonumber", `env = { A = tonumber(var.k) }`},
		{"file", `env = { A = file(var.k) }`},
		{"through a local", `env = { A = tonumber(local.k) }`},
		{"map element", `env = { A = tonumber(var.m["A"]) }`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(sensitiveSpec("locals {\n  k = \"${var.k}-x\"\n}", tt.body), `A = "aa"`, `A = "SECRETMAP"`, 1)
			_, diags := loadSrc(t, map[string]string{"main.berth.hcl": src}, Options{})
			text := diagText(diags)
			if !diags.HasErrors() {
				t.Fatalf("want an error, got:\n%s", text)
			}
			if strings.Contains(text, "SECRET") {
				t.Errorf("a sensitive value is in the diagnostics:\n%s", text)
			}
			if !strings.Contains(text, "(sensitive value)") {
				t.Errorf("want (sensitive value) in:\n%s", text)
			}
		})
	}
}
