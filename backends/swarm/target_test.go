package swarm

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

func loadShop(t *testing.T) *lang.Spec {
	t.Helper()
	spec, diags := lang.NewLoader().Load("../../examples/shop", lang.Options{})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	return spec
}

var testTarget = &Target{EmulatorImage: "berth-emulator:test"}

func desired(t *testing.T, spec *lang.Spec) *planner.Desired {
	t.Helper()
	d, diags := testTarget.Desired(spec)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	return d
}

// plan plans spec against obs.
func plan(t *testing.T, spec *lang.Spec, obs *planner.Observed) *planner.Plan {
	t.Helper()
	p, _, diags := planner.Make(testTarget, spec, obs)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	return p
}

// applied is the snapshot after spec's plan from nothing was applied.
func applied(t *testing.T, spec *lang.Spec) *planner.Observed {
	t.Helper()
	obs := &planner.Observed{Project: spec.Project}
	p := plan(t, spec, obs)
	after := planner.ApplyInMemory(obs, p, testTarget.Schema)
	if again := plan(t, spec, after); !again.Empty() {
		t.Fatalf("plan after apply is not empty:\n%s", again)
	}
	return after
}

func TestDesiredShop(t *testing.T) {
	spec := loadShop(t)
	d, diags := testTarget.Desired(spec)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	var addrs []string
	for _, r := range d.Resources {
		addrs = append(addrs, r.Address.String())
	}
	want := "secret.db_password network.backend network.edge service.auth service.cache service.gateway service.mailer " +
		"service.orders service.orders-db service.products service.products-db service.users service.users-db"
	if got := strings.Join(addrs, " "); got != want {
		t.Errorf("resources:\n got %s\nwant %s", got, want)
	}
	// host_ip cannot be honoured by swarm: a warning at the port block.
	var warned bool
	for _, dg := range diags {
		if dg.Summary == "Swarm ignores host_ip" && dg.Subject != nil && strings.HasSuffix(dg.Subject.Filename, "services.berth.hcl") {
			warned = true
		}
	}
	if !warned {
		t.Errorf("no host_ip warning at the gateway's port block: %v", diags)
	}
	sec := d.Resources[0]
	if !sec.IsSensitive("content") || len(d.Contents[sec.Address]) == 0 {
		t.Errorf("secret: sensitive %v, content %d bytes", sec.Sensitive, len(d.Contents[sec.Address]))
	}
}

func findResource(d *planner.Desired, addr string) *planner.Resource {
	for _, r := range d.Resources {
		if r.Address.String() == addr {
			return r
		}
	}
	return nil
}

func TestDesiredServiceAttrs(t *testing.T) {
	spec := loadShop(t)
	d := desired(t, spec)
	gw := findResource(d, "service.gateway")
	orders := findResource(d, "service.orders")
	tests := []struct{ name, got, want string }{
		{"gateway image", gw.Attrs.String(attrImage), "berth-emulator:test"},
		{"gateway ports", strings.Join(gw.Attrs.List(attrPorts), ","), "8080:8080/tcp@ingress"},
		{"gateway networks", strings.Join(gw.Attrs.List(attrNetworks), ","), "backend,edge"},
		{"gateway update order", gw.Attrs.Map(attrUpdate)["order"], "start-first"},
		{"gateway update failure", gw.Attrs.Map(attrUpdate)["failure_action"], "rollback"},
		{"gateway rollback failure", gw.Attrs.Map(attrRollback)["failure_action"], "pause"},
		{"gateway health interval", gw.Attrs.Map(attrHealth)["interval"], "2s"},
		{"gateway label", gw.Attrs.Map(attrLabels)["team"], "edge"},
		{"orders secret", strings.Join(orders.Attrs.List(attrSecrets), ","), "db_password=shop_db_password-" + hash8(findResource(d, "secret.db_password").Attrs.String(attrContent))},
		{"orders endpoint mode", orders.Attrs.String(attrEndpointMode), "vip"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %q, want %q", tt.name, tt.got, tt.want)
		}
	}
	if gw.Attrs.Map(attrEnv)["BERTH_EMULATOR_CONFIG"] == "" || gw.Attrs.Map(attrEnv)["AUTH"] != "jwt" {
		t.Errorf("gateway env: %v", gw.Attrs.Map(attrEnv))
	}
	var after []string
	for _, dep := range gw.Deps {
		after = append(after, dep.To.String()+":"+string(dep.Kind))
	}
	if got, want := strings.Join(after, " "), "network.backend:uses network.edge:uses service.auth:start_after service.orders:start_after service.products:start_after service.users:start_after"; got != want {
		t.Errorf("gateway deps:\n got %s\nwant %s", got, want)
	}
}

// Scaling and label changes update in place, never replace.
func TestPlanScaleAndLabelsUpdateInPlace(t *testing.T) {
	spec := loadShop(t)
	obs := applied(t, spec)
	next := spec.Clone()
	next.Services["orders"].Replicas = 5
	next.Services["gateway"].Labels = map[string]string{"team": "platform"}
	got := plan(t, next, obs).String()
	want := `service.gateway: update
  labels.team: "edge" → "platform"
service.orders: update
  replicas: 2 → 5
#1 update service.orders
#2 update service.gateway after #1
`
	if got != want {
		t.Errorf("plan:\n%s\nwant:\n%s", got, want)
	}
}

// A secret rotation makes the new version first, updates the services that
// mount it, then deletes the old version.
func TestPlanSecretRotation(t *testing.T) {
	spec := loadShop(t)
	obs := applied(t, spec)
	dir := t.TempDir()
	path := filepath.Join(dir, "db_password.txt")
	if err := os.WriteFile(path, []byte("rotated\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	next := spec.Clone()
	next.Secrets["db_password"].Path = path
	p := plan(t, next, obs)
	if !strings.HasPrefix(p.String(), "secret.db_password: replace\n  content: (sensitive) sha256:") {
		t.Fatalf("plan:\n%s", p)
	}
	steps := map[string]int{}
	for _, s := range p.Steps {
		steps[string(s.Op)+" "+s.Address().String()] = s.ID
	}
	create, del := steps["create secret.db_password"], steps["delete secret.db_password"]
	for _, user := range []string{"orders", "orders-db", "products", "products-db", "users", "users-db"} {
		id := steps["update service."+user]
		if id == 0 {
			t.Errorf("service.%s is not updated:\n%s", user, p)
			continue
		}
		if !(create < id && id < del) {
			t.Errorf("update service.%s is step #%d; want between create #%d and delete #%d of the secret", user, id, create, del)
		}
	}
	for _, c := range p.Changes {
		if c.Type == TypeService && c.Action == planner.Replace {
			t.Errorf("%s is replaced; a rotation must update it in place", c.Address)
		}
	}
	if strings.Contains(p.String(), "rotated") {
		t.Error("the secret's value is in the plan")
	}
}

// TestFileSourceIsAbsolute: a plan made in the spec directory (berth plan
// -out p.json .) reads its secrets and configs again where it is applied;
// a relative path there found no file ("open s.txt: no such file or
// directory") once the user applied it from another directory.
func TestFileSourceIsAbsolute(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.berth.hcl"), []byte(`
berth {
  project = "psabs"
  backend = "swarm"
}
secret "s" {
  file = "s.txt"
}
config "c" {
  file = "c.txt"
}
service "web" {
  secrets = [secret.s]
  configs = [config.c]
}
`), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"s.txt", "c.txt"} {
		if err := os.WriteFile(filepath.Join(dir, f), []byte("v"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Chdir(dir)
	spec, diags := lang.NewLoader().Load(".", lang.Options{})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	d := desired(t, spec)
	t.Chdir(t.TempDir())
	n := 0
	for _, r := range d.Resources {
		if r.Type != TypeSecret && r.Type != TypeConfig {
			continue
		}
		n++
		if !filepath.IsAbs(r.Source) {
			t.Errorf("%s: source %q is relative to the directory the plan was made in", r.Address, r.Source)
		}
		if _, err := os.ReadFile(r.Source); err != nil {
			t.Errorf("%s: from another directory: %v", r.Address, err)
		}
	}
	if n != 2 {
		t.Fatalf("%d secrets and configs, want 2", n)
	}
}
