package compose

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/types"

	"github.com/berth-dev/berth/lang"
)

// exportFile exports testSpec into a file and returns its path.
func exportFile(t *testing.T) (string, []byte) {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "jwt.pem"), "secret")
	spec := testSpec("bexport", dir, "berth-test-app:v2", 18080)
	spec.Services["api"].Resources.CPUs = 0.5
	spec.Volumes = map[string]*lang.Volume{"data": {Name: "data"}}
	spec.Services["api"].Mounts = []lang.Mount{{Volume: "data", Target: "/data"}}
	writeFile(t, filepath.Join(dir, "app.conf"), "x = 1\n")
	spec.Configs = map[string]*lang.Config{"app": {Name: "app", File: "app.conf", Path: filepath.Join(dir, "app.conf")}}
	spec.Services["gateway"].Configs = []string{"app"}
	spec.Services["gateway"].Replicas = 2
	d, diags := (&Target{}).Desired(spec)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	data, warnings, err := Export(spec, d)
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], `service "gateway" mounts config "app" at /app`) {
		t.Errorf("warnings: %v", warnings) // the one of configWarnings
	}
	path := filepath.Join(dir, "compose.yaml")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path, data
}

// exportAndLoad exports spec into compose.yaml in spec.Dir and loads the
// file back with compose-go, as a Compose user's tools would.
func exportAndLoad(t *testing.T, spec *lang.Spec) (*types.Project, []byte, []string) {
	t.Helper()
	d, diags := (&Target{}).Desired(spec)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	data, warnings, err := Export(spec, d)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(spec.Dir, "compose.yaml")
	writeFile(t, path, string(data))
	p, err := loader.LoadWithContext(context.Background(), types.ConfigDetails{
		WorkingDir: spec.Dir, ConfigFiles: []types.ConfigFile{{Filename: path}}, Environment: types.Mapping{},
	}, func(o *loader.Options) { o.SetProjectName(spec.Project, true) })
	if err != nil {
		t.Fatalf("compose-go: %v\n%s", err, data)
	}
	return p, data, warnings
}

func TestExportLoadsWithComposeGo(t *testing.T) {
	path, data := exportFile(t)
	p, err := loader.LoadWithContext(context.Background(), types.ConfigDetails{
		WorkingDir:  filepath.Dir(path),
		ConfigFiles: []types.ConfigFile{{Filename: path}},
		Environment: types.Mapping{},
	}, func(o *loader.Options) { o.SetProjectName("bexport", true) })
	if err != nil {
		t.Fatalf("compose-go: %v\n%s", err, data)
	}
	api, err := p.GetService("api")
	if err != nil {
		t.Fatal(err)
	}
	if api.Deploy == nil || api.Deploy.Replicas == nil || *api.Deploy.Replicas != 2 {
		t.Errorf("api replicas: %+v", api.Deploy)
	}
	if api.Deploy.Resources.Limits == nil || api.Deploy.Resources.Limits.NanoCPUs != 0.5 {
		t.Errorf("api limits: %+v", api.Deploy.Resources.Limits)
	}
	gw, _ := p.GetService("gateway")
	if gw.HealthCheck == nil || len(gw.HealthCheck.Test) == 0 || gw.HealthCheck.Test[0] != "CMD" {
		t.Errorf("gateway healthcheck: %+v", gw.HealthCheck)
	}
	if len(gw.Ports) != 1 || gw.Ports[0].HostIP != "127.0.0.1" || gw.Ports[0].Published != "18080-18081" {
		t.Errorf("gateway ports: %+v", gw.Ports)
	}
	if !p.Networks["backend"].Internal {
		t.Errorf("backend network is not internal")
	}
	if len(gw.Configs) != 1 || p.Configs["app"].File == "" {
		t.Errorf("configs: %+v %+v", gw.Configs, p.Configs)
	}
	if len(api.Secrets) != 1 || p.Secrets["jwt"].File == "" {
		t.Errorf("secrets: %+v %+v", api.Secrets, p.Secrets)
	}
	if strings.Contains(string(data), "secret\n") {
		t.Errorf("the export holds the secret value")
	}
}

func TestExportAcceptedByDockerCompose(t *testing.T) {
	if _, err := exec.LookPath("docker-compose"); err != nil {
		t.Skip("docker-compose is not installed")
	}
	path, data := exportFile(t)
	out, err := exec.Command("docker-compose", "-p", "bexport", "-f", path, "config", "-q").CombinedOutput()
	if err != nil {
		t.Fatalf("docker-compose config: %v\n%s\nfile:\n%s", err, out, data)
	}
}

// TestExportIPv6HostIP: an IPv6 host_ip is written in brackets, the only
// form Compose reads, and comes back as the same address.
func TestExportIPv6HostIP(t *testing.T) {
	dir := t.TempDir()
	spec := &lang.Spec{Project: "bexport6", Dir: dir, Backend: "compose", Services: map[string]*lang.Service{
		"api": {Name: "api", Image: "shop/api:1", Replicas: 2,
			Ports: []lang.Port{{Published: 18080, Target: 8080, HostIP: "::1"}}},
	}}
	p, data, _ := exportAndLoad(t, spec)
	api, _ := p.GetService("api")
	if len(api.Ports) != 1 || api.Ports[0].HostIP != "::1" || api.Ports[0].Published != "18080-18081" {
		t.Errorf("ports: %+v\n%s", api.Ports, data)
	}
}

// TestExportScaledToZero: a service with replicas = 0 keeps its image,
// command and environment in the file, at replicas 0 (it was written as
// image scratch, so importing the file back lost them).
func TestExportScaledToZero(t *testing.T) {
	dir := t.TempDir()
	spec := &lang.Spec{Project: "bexport0", Dir: dir, Backend: "compose", Services: map[string]*lang.Service{
		"worker": {Name: "worker", Image: "shop/worker:3", Replicas: 0, Command: []string{"run", "--fast"},
			Env: map[string]string{"MODE": "batch"}, Restart: lang.Restart{Condition: "on-failure"}},
		"api": {Name: "api", Image: "shop/api:1", Replicas: 1},
	}}
	p, data, warnings := exportAndLoad(t, spec)
	if len(warnings) != 1 || !strings.Contains(warnings[0], `"worker" has 0 replicas`) {
		t.Errorf("warnings: %v", warnings)
	}
	w, err := p.GetService("worker")
	if err != nil {
		t.Fatalf("%v\n%s", err, data)
	}
	if w.Image != "shop/worker:3" || strings.Join(w.Command, " ") != "run --fast" || w.Environment["MODE"] == nil || *w.Environment["MODE"] != "batch" ||
		w.Restart != "on-failure" || w.Deploy == nil || w.Deploy.Replicas == nil || *w.Deploy.Replicas != 0 {
		t.Errorf("worker: image %q, command %v, env %v, restart %q, deploy %+v\n%s", w.Image, w.Command, w.Environment, w.Restart, w.Deploy, data)
	}
}
