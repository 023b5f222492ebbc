package lang

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

func TestExpandOneLineBlocks(t *testing.T) {
	for _, tc := range []struct {
		name, src, want string // want "" means no rewrite
	}{
		{"two arguments", `port { published = 8080  target = 80 }`,
			"port {\npublished = 8080\n target = 80\n}"},
		{"commas", `update { parallelism = 1, order = "start-first" }`,
			"update {\nparallelism = 1\n order = \"start-first\"\n}"},
		{"labels and a template", `link "a" "b" { timeout = "${var.t}ms"  latency = "1ms" }`,
			"link \"a\" \"b\" {\ntimeout = \"${var.t}ms\"\n latency = \"1ms\"\n}"},
		{"object and call values", `s { env = { A = "1", B = upper("x") }  n = max(1, 2) }`,
			"s {\nenv = { A = \"1\", B = upper(\"x\") }\n n = max(1, 2)\n}"},
		{"a nested block", `endpoint "x" { call "b" { fallback = "default" } }`,
			"endpoint \"x\" {\ncall \"b\" { fallback = \"default\" }\n}"},
		{"nested blocks of several arguments", `a { b { c = 1  d = 2 } }`,
			"a {\nb {\nc = 1\n d = 2\n}\n}"},
		{"a conditional", `a { x = var.on ? 1 : 2  y = [for v in local.l : v] }`,
			"a {\nx = var.on ? 1 : 2\n y = [for v in local.l : v]\n}"},
		{"the first argument on the brace's line, the others below", "port { published = 80\n    target = 80 }",
			"port {\npublished = 80\n    target = 80\n}"},
		{"the closing brace on its own line", "port { published = 80\n    target = 80\n}",
			"port {\npublished = 80\n    target = 80\n}"},
		{"one argument is valid HCL", `port { published = 8080 }`, ""},
		{"empty block", `network "edge" {}`, ""},
		{"multi-line blocks", "a {\n  x = 1\n  y = 2\n}\n", ""},
		{"an attribute holding an object", `env = { A = "1", B = "2" }`, ""},
		{"no byte to spare", `a {x = 1 y = 2}`, ""},
		{"a comment ends the line", "a { x = 1  y = 2 # note\n}", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := expandOneLineBlocks([]byte(tc.src), "t.berth.hcl")
			if tc.want == "" {
				if ok {
					t.Fatalf("rewrote %q into %q", tc.src, got)
				}
				return
			}
			if !ok || string(got) != tc.want {
				t.Fatalf("expand %q:\n got %q (ok %v)\nwant %q", tc.src, got, ok, tc.want)
			}
			if len(got) != len(tc.src) {
				t.Fatalf("length changed: %d → %d", len(tc.src), len(got))
			}
		})
	}
}

// A spec written with one-line blocks loads into the same model as the
// same spec written out, and what is found in it points at the lines and
// columns as written.
func TestOneLineBlocksLoad(t *testing.T) {
	oneLine := `service "gw" {
  port { published = 8080  target = 8080  host_ip = "127.0.0.1" }
  resources { cpus = 1  memory = "256MiB" }
  health    { http = "/healthz"  interval = "5s"  timeout = "1s"  retries = 3 }
  update    { parallelism = 1  order = "start-first"  failure_action = "rollback" }
  capacity  { workers = 8  service_time = "exp(2ms)" }
  endpoint "x" { call "db" { fallback = "default" } }
}

service "db" { capacity { workers = nope } }
`
	written := `service "gw" {
  port {
    published = 8080
    target    = 8080
    host_ip   = "127.0.0.1"
  }
  resources {
    cpus   = 1
    memory = "256MiB"
  }
  health {
    http     = "/healthz"
    interval = "5s"
    timeout  = "1s"
    retries  = 3
  }
  update {
    parallelism    = 1
    order          = "start-first"
    failure_action = "rollback"
  }
  capacity {
    workers      = 8
    service_time = "exp(2ms)"
  }
  endpoint "x" {
    call "db" {
      fallback = "default"
    }
  }
}

service "db" {
  capacity {
    workers = 2
  }
}
`
	_, diags := loadSource(t, oneLine)
	if len(diags) == 0 || diags[0].Summary != "Unknown reference" {
		t.Fatalf("want the unknown reference, got:\n%s", diagText(diags))
	}
	if r := diags[0].Subject; r.Start.Line != 10 || r.Start.Column != 37 || r.End.Column != 41 {
		t.Fatalf("the reference is at 10:37-41 as written, got %s", r)
	}
	a, diags := loadSource(t, strings.Replace(oneLine, "workers = nope", "workers = 2", 1))
	if diags.HasErrors() {
		t.Fatal(diagText(diags))
	}
	b, diags := loadSource(t, written)
	if diags.HasErrors() {
		t.Fatal(diagText(diags))
	}
	ga, gb := a.Services["gw"], b.Services["gw"]
	if len(ga.Ports) != 1 || ga.Ports[0].Published != 8080 || ga.Ports[0].HostIP != gb.Ports[0].HostIP {
		t.Errorf("port: %+v, want %+v", ga.Ports, gb.Ports)
	}
	if ga.Resources != gb.Resources || ga.Capacity.Workers != 8 || len(ga.Endpoints) != 1 {
		t.Errorf("resources or capacity differ: %+v / %+v", ga.Resources, gb.Resources)
	}
	if got := ga.DeclRange; got.Start.Line != 1 || got.Start.Column != 1 {
		t.Errorf("the service's range moved: %s", got)
	}
	if h := ga.Health; h == nil || h.Retries != 3 {
		t.Errorf("health: %+v", h)
	}
	if got := ga.Endpoints[0].DeclRange.Start; got.Line != 7 || got.Column != 3 {
		t.Errorf("the endpoint is at 7:3 as written, got %d:%d", got.Line, got.Column)
	}
}

// loadSource loads src as the one file of a spec directory.
func loadSource(t *testing.T, src string) (*Spec, hcl.Diagnostics) {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.berth.hcl"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return NewLoader().Load(dir, Options{Environ: []string{}})
}
