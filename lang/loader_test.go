package lang

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/hashicorp/hcl/v2"
)

// loadSrc loads a spec made of the given files (name → source) from a
// MapFS, with an empty environment unless opts sets one.
func loadSrc(t *testing.T, files map[string]string, opts Options) (*Spec, hcl.Diagnostics) {
	t.Helper()
	fsys := fstest.MapFS{}
	for name, src := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(src)}
	}
	opts.FS = fsys
	if opts.Environ == nil {
		opts.Environ = []string{}
	}
	return NewLoader().Load(".", opts)
}

// mustLoad loads src as main.berth.hcl and fails on any error.
func mustLoad(t *testing.T, src string, opts Options) *Spec {
	t.Helper()
	s, diags := loadSrc(t, map[string]string{"main.berth.hcl": src}, opts)
	if diags.HasErrors() || s == nil {
		t.Fatalf("load failed:\n%s", diagText(diags))
	}
	return s
}

func TestLoadValidDirs(t *testing.T) {
	dirs, _ := filepath.Glob("testdata/valid/*")
	if len(dirs) == 0 {
		t.Fatal("no valid specs")
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			s, diags := NewLoader().Load(dir, Options{Environ: []string{}})
			if len(diags) > 0 || s == nil {
				t.Fatalf("want no diagnostics, got:\n%s", diagText(diags))
			}
			if len(s.Services) == 0 {
				t.Error("no services decoded")
			}
			for _, svc := range s.Services {
				if svc.DeclRange.Filename == "" || len(svc.Endpoints) == 0 {
					t.Errorf("service %s: missing range or endpoints", svc.Name)
				}
			}
		})
	}
}

func TestLoadFull(t *testing.T) {
	s, diags := NewLoader().Load("testdata/valid/full", Options{Environ: []string{}})
	if diags.HasErrors() {
		t.Fatal(diagText(diags))
	}
	gw := s.Service("gateway")
	if gw == nil {
		t.Fatal("no gateway")
	}
	if gw.DeclRange.Filename != filepath.Join("testdata/valid/full", "services.berth.hcl") || gw.DeclRange.Start.Line != 1 {
		t.Errorf("gateway range = %v", gw.DeclRange)
	}
	var kinds []string
	gw.Endpoint("list_orders").Flow.Walk(func(st *Step) {
		k := string(st.Kind)
		if st.Call != nil {
			k += ":" + st.Call.Service
		}
		kinds = append(kinds, k)
	})
	want := []string{"sequence", "call:auth", "parallel", "call:users", "sequence", "call:orders", "call:products", "publish"}
	if diff := cmp.Diff(want, kinds); diff != "" {
		t.Errorf("flow (-want +got):\n%s", diff)
	}
	if st := gw.Capacity.Startup; st.Kind != DistConst || st.Params[0] != 2 || !s.Service("orders").Capacity.Startup.IsZero() {
		t.Errorf("gateway startup = %+v, orders startup = %+v; want const(2s) and none", st, s.Service("orders").Capacity.Startup)
	}
	if got := gw.Env; got["LOG_LEVEL"] != "info" || got["AUTH"] != "jwt" {
		t.Errorf("env = %v", got)
	}
	if s.Service("orders").Replicas != 2 || s.Service("shard-a").Replicas != 2 || s.Service("shard-b").Replicas != 1 {
		t.Error("variables or for_each replicas not applied")
	}
	if l := s.Link("gateway", "orders"); l.Timeout != 300*time.Millisecond || l.Retry.Cap != 250*time.Millisecond || l.LoadBalancing != LBP2C {
		t.Errorf("link gateway->orders = %+v", l)
	}
	if sc := s.Scenarios["orders-replica-loss"]; len(sc.Faults) != 3 || sc.Faults[2].Service != "products" || sc.Expect.P99 != 500*time.Millisecond {
		t.Errorf("scenario = %+v", sc)
	}
	if r := s.Loads["peak"].Entry; r.Service != "gateway" || r.Endpoint != "list_orders" || r.Range.Start.Line == 0 {
		t.Errorf("load entry = %+v", r)
	}
	if s.Secrets["jwt"].Path != filepath.Join("testdata/valid/full", "secrets/jwt.pem") {
		t.Errorf("secret path = %q", s.Secrets["jwt"].Path)
	}
}

func TestNoSpecFiles(t *testing.T) {
	s, diags := loadSrc(t, map[string]string{"README.md": "hi"}, Options{})
	if s != nil || !diags.HasErrors() || diags[0].Summary != "No spec files" {
		t.Fatalf("got %v, %s", s, diagText(diags))
	}
	// Files that look like a spec are named, with the fix.
	_, diags = loadSrc(t, map[string]string{"main.hcl": `service "a" {}`, "x.berth.hcl/inner.txt": "", "old.tf": ""}, Options{})
	if d := diagText(diags); !strings.Contains(d, `skipped "main.hcl", "old.tf": rename main.hcl to main.berth.hcl`) || !strings.Contains(d, `"x.berth.hcl" is a directory`) {
		t.Errorf("no hint about the near spec files:\n%s", d)
	}
	_, diags = NewLoader().Load(filepath.Join(t.TempDir(), "missing"), Options{})
	if !diags.HasErrors() || diags[0].Summary != "Cannot read the spec directory" {
		t.Fatalf("got %s", diagText(diags))
	}
}

func TestDefaults(t *testing.T) {
	s := mustLoad(t, `
service "api" {
  health { http = "/" }
  endpoint "get" {
    call "db" {}
  }
  consume "q" {}
}
service "db" {}
queue "q" {}
link "api" "db" {
  retry {}
  circuit_breaker {}
  bulkhead {}
}
load "l" {
  entry = service.api
  rate  = 1
}
scenario "s" {
  fault "kill" {
    service = "db"
    at = 1
  }
}
`, Options{})
	api := s.Service("api")
	if s.Project != "default" || s.Backend != BackendCompose || s.Nodes != 1 {
		t.Errorf("project defaults: %q %q %d", s.Project, s.Backend, s.Nodes)
	}
	if api.Replicas != 1 || api.Capacity.Workers != 64 || api.Capacity.Queue != 256 || api.Capacity.Model != ModelThread {
		t.Errorf("service defaults: %+v", api)
	}
	if h := api.Health; h.Interval != 30*time.Second || h.Timeout != 30*time.Second || h.Retries != 3 || h.StartPeriod != 0 {
		t.Errorf("health defaults: %+v", h)
	}
	if api.Restart != (Restart{Condition: "any", Delay: 5 * time.Second}) {
		t.Errorf("restart defaults: %+v", api.Restart)
	}
	if api.Update != (Update{Parallelism: 1, Order: "stop-first", FailureAction: "pause", Monitor: 5 * time.Second}) {
		t.Errorf("update defaults: %+v", api.Update)
	}
	l := s.Link("api", "db")
	r := l.Retry
	if r.Attempts != 3 || r.Backoff != BackoffExponential || r.Base != 25*time.Millisecond || r.Cap != 250*time.Millisecond ||
		r.Jitter != JitterFull || r.MinRetryConcurrency != 3 || len(r.On) != 4 {
		t.Errorf("retry defaults: %+v", r)
	}
	cb := l.CircuitBreaker
	if cb.Window != 10*time.Second || cb.MinCalls != 20 || cb.FailureRate != 0.5 || cb.OpenFor != 5*time.Second || cb.HalfOpenCalls != 1 {
		t.Errorf("breaker defaults: %+v", cb)
	}
	if l.Bulkhead.MaxConcurrent != 25 || l.Bulkhead.MaxWait != 0 || l.LoadBalancing != LBRoundRobin {
		t.Errorf("bulkhead/lb defaults: %+v %q", l.Bulkhead, l.LoadBalancing)
	}
	if q := s.Queues["q"]; q.Kind != QueueRabbitMQ || q.Partitions != 1 {
		t.Errorf("queue defaults: %+v", q)
	}
	if ld := s.Loads["l"]; ld.Arrival != ArrivalPoisson || ld.Duration != time.Minute || ld.Profile.Kind != ProfileConstant {
		t.Errorf("load defaults: %+v", ld)
	}
	if sc := s.Scenarios["s"]; sc.Load != "l" || sc.Faults[0].Replicas != 1 || sc.Faults[0].At != time.Second {
		t.Errorf("scenario defaults: %+v", sc)
	}
	if c := api.Endpoint("get").Flow.Children[0].Call; c.Probability != 1 || c.Fallback != "" {
		t.Errorf("call defaults: %+v", c)
	}
	if api.Consumes[0].Concurrency != 1 || api.Endpoint("get").Weight != 1 {
		t.Error("consume/endpoint defaults")
	}
	db := s.Service("db")
	if len(db.Endpoints) != 1 || db.Endpoints[0].Name != "default" || db.Endpoints[0].Flow.Kind != StepSequence || len(db.Endpoints[0].Flow.Children) != 0 {
		t.Errorf("implicit endpoint: %+v", db.Endpoints)
	}
}

func TestImplicitLink(t *testing.T) {
	s, diags := loadSrc(t, map[string]string{"main.berth.hcl": `
service "a" {
  endpoint "x" {
    call "b" {}
  }
}
service "b" {}
`}, Options{})
	if diags.HasErrors() || len(diags) != 1 || diags[0].Severity != hcl.DiagWarning {
		t.Fatalf("want one warning, got:\n%s", diagText(diags))
	}
	l := s.Link("a", "b")
	if l == nil || !l.Implicit || l.Timeout != 0 || l.Retry != nil || l.CircuitBreaker != nil || l.DeclRange.Start.Line != 4 {
		t.Errorf("implicit link = %+v", l)
	}
}

func TestProjectFromDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "My_Shop")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a.berth.hcl"), []byte(`service "x" {}`), 0o644); err != nil {
		t.Fatal(err)
	}
	s, diags := NewLoader().Load(dir, Options{Environ: []string{}})
	if diags.HasErrors() || s.Project != "my_shop" || s.Dir != dir {
		t.Fatalf("project = %q, dir %q: %s", s.Project, s.Dir, diagText(diags))
	}
}

func TestReferences(t *testing.T) {
	s := mustLoad(t, `
network "edge" {}
secret "jwt" { value = "k" }
config "c" { content = "x" }
volume "v" {}
queue "q" {}
service "api" {
  networks   = [network.edge, "default"]
  secrets    = [secret.jwt]
  configs    = [config.c]
  depends_on = [service.db, "cache"]
  mount {
    volume = volume.v
    target = "/v"
  }
  endpoint "e" {
    publish "q" {}
  }
}
service "db" {}
service "cache" {}
load "l" {
  entry = service.api
  rate  = 5
}
scenario "s" {
  load = load.l
  fault "partition" {
    service = service.api
    peer    = { name = "db" }
    at      = "1s"
  }
}
`, Options{})
	api := s.Service("api")
	if diff := cmp.Diff([]string{"edge", "default"}, api.Networks); diff != "" {
		t.Error(diff)
	}
	if api.Secrets[0] != "jwt" || api.Configs[0] != "c" || api.Mounts[0].Volume != "v" || api.DependsOn[1] != "cache" {
		t.Errorf("names: %+v", api)
	}
	if f := s.Scenarios["s"].Faults[0]; f.Service != "api" || f.Peer != "db" || s.Scenarios["s"].Load != "l" {
		t.Errorf("fault = %+v", f)
	}
}

func TestDidYouMean(t *testing.T) {
	_, diags := loadSrc(t, map[string]string{"main.berth.hcl": `
service "orders" {}
service "gateway" {
  endpoint "e" {
    call "ordrs" {}
  }
  depends_on = [service.order]
}
`}, Options{})
	for _, d := range diags {
		if !strings.Contains(d.Detail, `Did you mean "orders"?`) {
			t.Errorf("%s: %s", d.Summary, d.Detail)
		}
	}
	if len(diags) != 2 {
		t.Errorf("want 2 diagnostics, got:\n%s", diagText(diags))
	}
}

// A suggestion is a likely typo: one edit that leaves a letter standing,
// or two between names longer than two letters; "zz" is two edits from
// "a", and no typo of it, and "z" one edit from any single letter.
func TestSuggestShortNames(t *testing.T) {
	for _, tc := range []struct {
		name       string
		candidates []string
		want       string
	}{
		{"zz", []string{"a", "l"}, ""},
		{"x", []string{"y"}, ""},
		{"z", []string{"a", "b"}, ""},
		{"ll", []string{"l"}, "l"},
		{"m", []string{"cmd"}, ""},
		{"ui", []string{"api"}, ""},
		{"ab", []string{"a"}, "a"},
		{"dbb", []string{"db", "api"}, "db"},
		{"ordrs", []string{"orders"}, "orders"},
	} {
		if got := suggest(tc.name, tc.candidates); got != tc.want {
			t.Errorf("suggest(%q, %q) = %q, want %q", tc.name, tc.candidates, got, tc.want)
		}
	}
}
