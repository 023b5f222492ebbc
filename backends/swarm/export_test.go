package swarm

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/types"
	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/backends/swarm/swarmtest"
)

func summaries(diags hcl.Diagnostics) string {
	var s []string
	for _, d := range diags {
		s = append(s, d.Summary)
	}
	return strings.Join(s, "\n")
}

// The exported file loads in the Compose loader with the swarm settings
// berth applies, and every thing docker stack deploy drops is a warning.
func TestExportComposeShop(t *testing.T) {
	spec := loadShop(t)
	out, diags := ExportCompose(spec, testTarget)
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	for _, want := range []string{"docker stack deploy ignores depends_on", "Swarm ignores host_ip", "The emulator image must be on every node"} {
		if !strings.Contains(summaries(diags), want) {
			t.Errorf("no warning %q in:\n%s", want, summaries(diags))
		}
	}
	// One warning for the emulator image, at the first service that runs
	// it, naming all ten (it was one per service, ten times the same).
	if n := strings.Count(summaries(diags), "The emulator image must be on every node"); n != 1 {
		t.Errorf("%d warnings about the emulator image, want one for all the services", n)
	}
	for _, d := range diags {
		if d.Summary == "The emulator image must be on every node" &&
			(!strings.HasPrefix(d.Detail, `The 10 services "gateway", "auth", `) || !strings.Contains(d.Detail, `"mailer" run`) || d.Subject.Start.Line != spec.Service("gateway").DeclRange.Start.Line) {
			t.Errorf("emulator warning at line %d: %s", d.Subject.Start.Line, d.Detail)
		}
	}
	p, err := loader.LoadWithContext(context.Background(), types.ConfigDetails{
		WorkingDir:  spec.Dir,
		ConfigFiles: []types.ConfigFile{{Filename: "compose.yaml", Content: out}},
		Environment: types.Mapping{},
	}, func(o *loader.Options) { o.SetProjectName("shop", true) })
	if err != nil {
		t.Fatalf("compose-go rejects the export: %v\n%s", err, out)
	}
	gw, err := p.GetService("gateway")
	if err != nil {
		t.Fatal(err)
	}
	if gw.Deploy == nil || *gw.Deploy.Replicas != 3 || gw.Deploy.UpdateConfig.FailureAction != "rollback" ||
		gw.Deploy.UpdateConfig.Order != "start-first" || gw.Deploy.EndpointMode != "vip" {
		t.Errorf("gateway deploy: %+v", gw.Deploy)
	}
	// The warning says the file keeps depends_on for reference: it does.
	orders, err := p.GetService("orders")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := orders.DependsOn["orders-db"]; !ok || len(orders.DependsOn) != 1 {
		t.Errorf("orders depends_on %v, want orders-db", orders.DependsOn)
	}
	sec := p.Secrets["db_password"]
	if !strings.HasPrefix(sec.Name, "shop_db_password-") || !strings.HasSuffix(sec.File, "db_password.txt") {
		t.Errorf("secret: %+v", sec)
	}
	if strings.Contains(string(out), "io.berth.") {
		t.Error("the export carries berth's own labels")
	}
}

// TestLabExportStackDeploy: docker stack deploy --resolve-image never
// accepts the export, and docker stack services lists its services.
func TestLabExportStackDeploy(t *testing.T) {
	lab := swarmtest.Get(t)
	if _, err := exec.LookPath("docker"); err != nil {
		t.Skip("no docker CLI")
	}
	const project = "swexport"
	spec, diags := loadDir(t, "testdata/lab-basic")
	spec.Project = project
	out, diags := ExportCompose(spec, &Target{EmulatorImage: "berth-emulator:export-test"})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	file := filepath.Join(t.TempDir(), "stack.yaml")
	if err := os.WriteFile(file, out, 0o600); err != nil {
		t.Fatal(err)
	}
	docker := func(args ...string) (string, error) {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, "docker", args...)
		cmd.Env = append(os.Environ(), "DOCKER_HOST="+lab.ManagerHost)
		b, err := cmd.CombinedOutput()
		return string(b), err
	}
	t.Cleanup(func() {
		docker("stack", "rm", project)
		waitStackGone(t, lab, project)
	})
	if o, err := docker("stack", "deploy", "--resolve-image", "never", "-c", file, project); err != nil {
		t.Fatalf("docker stack deploy: %v\n%s\n%s", err, o, out)
	}
	o, err := docker("stack", "services", "--format", "{{.Name}} {{.Replicas}}", project)
	if err != nil {
		t.Fatalf("docker stack services: %v\n%s", err, o)
	}
	for _, want := range []string{project + "_api ", project + "_db "} {
		if !strings.Contains(o, want) {
			t.Errorf("docker stack services does not list %q:\n%s", want, o)
		}
	}
}

// With a registry, the export runs the emulator from it, as apply does,
// and says it must be pushed there.
func TestExportComposeRegistry(t *testing.T) {
	spec := loadShop(t)
	out, diags := ExportCompose(spec, &Target{EmulatorImage: "reg.example.com/team/berth-emulator:test"})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	if s := summaries(diags); !strings.Contains(s, "The emulator image must be in the registry") || strings.Contains(s, "must be on every node") {
		t.Errorf("warnings:\n%s", s)
	}
	if !strings.Contains(string(out), "image: reg.example.com/team/berth-emulator:test") {
		t.Errorf("the export does not run the registry's image:\n%s", out)
	}
}
