package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/filters"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/dockertest"
)

// TestApplyPlanFileSensitiveVar is the CI workflow with a sensitive
// variable on the real engine: plan -out with the value from BERTH_VAR_,
// apply of the plan file with a different value refused before any change,
// apply with the same value (from the spec moved to another directory, with
// --spec-dir) creating the container with the real value,
// and neither the plan file nor any output (plan, apply, status) holding
// the value.
func TestApplyPlanFileSensitiveVar(t *testing.T) {
	cli := dockertest.Client(t)
	project := engineProject(t, "bsens")
	dir := t.TempDir()
	spec := `berth { project = "` + project + `" }
variable "jwt_key" {
  sensitive = true
}
service "api" {
  env = { KEY = var.jwt_key, LOG_LEVEL = "info" }
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.berth.hcl"), []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	const secret = "S3NSITIVE-VALUE-7f1c"
	planFile := filepath.Join(t.TempDir(), "plan.json")
	var outputs []string

	t.Setenv("BERTH_VAR_jwt_key", secret)
	out, _ := runBerthOutput(t, 2, "plan", "-detailed-exitcode", "-out", planFile, dir)
	outputs = append(outputs, out)
	data, err := os.ReadFile(planFile)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(data, []byte(secret)) {
		t.Fatalf("the plan file holds the sensitive value:\n%s", data)
	}
	if !bytes.Contains(data, []byte(`"hidden": [`)) {
		t.Errorf("the plan file lists no hidden key:\n%s", data)
	}

	// Another value at apply time: refused, nothing created.
	t.Setenv("BERTH_VAR_jwt_key", "NOT-THE-PLANNED-ONE")
	out, errOut := runBerthOutput(t, 1, "apply", planFile)
	outputs = append(outputs, out, errOut)
	for _, want := range []string{"container.api[1]: env.KEY is not the value the plan was made with", "BERTH_VAR_jwt_key", "Nothing was done"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("the refusal lacks %q:\n%s", want, errOut)
		}
	}
	if strings.Contains(errOut, "NOT-THE-PLANNED-ONE") {
		t.Errorf("the refusal shows the value given:\n%s", errOut)
	}
	ctx := context.Background()
	f := filters.NewArgs(filters.Arg("label", backends.ProjectFilter(project)))
	if cs, err := cli.ContainerList(ctx, container.ListOptions{All: true, Filters: f}); err != nil || len(cs) != 0 {
		t.Fatalf("after the refused apply the engine holds %d containers of the project (%v)", len(cs), err)
	}

	// The spec moved since the plan (another CI checkout): apply says to
	// name where it is now, then applies with --spec-dir.
	t.Setenv("BERTH_VAR_jwt_key", secret)
	moved := filepath.Join(t.TempDir(), "checkout")
	if err := os.Rename(dir, moved); err != nil {
		t.Fatal(err)
	}
	dir = moved
	_, errOut = runBerthOutput(t, 1, "apply", planFile)
	if !strings.Contains(errOut, "which is not there") || !strings.Contains(errOut, "berth apply --spec-dir DIR "+planFile) {
		t.Errorf("apply of a plan whose spec moved does not say to pass --spec-dir:\n%s", errOut)
	}
	runBerthOutput(t, 1, "apply", "--spec-dir", dir, dir) // --spec-dir is for plan files

	// The value of the plan: applied, and the container has it.
	out, errOut = runBerthOutput(t, 0, "apply", "--wait", shopWait.String(), "--spec-dir", dir, planFile)
	outputs = append(outputs, out, errOut)
	if !strings.Contains(out, "Apply complete!") {
		t.Fatalf("apply:\n%s\n%s", out, errOut)
	}
	cs, err := cli.ContainerList(ctx, container.ListOptions{All: true, Filters: f})
	if err != nil || len(cs) != 1 {
		t.Fatalf("the project has %d containers (%v)", len(cs), err)
	}
	info, err := cli.ContainerInspect(ctx, cs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	var env []string
	for _, e := range info.Config.Env {
		if strings.HasPrefix(e, "KEY=") || strings.HasPrefix(e, "LOG_LEVEL=") {
			env = append(env, e)
		}
	}
	if got := strings.Join(env, " "); got != "KEY="+secret+" LOG_LEVEL=info" {
		t.Errorf("the container's env has %q, want the real value", got)
	}

	for _, args := range [][]string{{"status", dir}, {"status", "--json", dir}, {"plan", "-detailed-exitcode", "--json", dir}} {
		out, errOut := runBerthOutput(t, 0, args...)
		outputs = append(outputs, out, errOut)
		if args[1] == "--json" && args[0] == "status" && !strings.Contains(out, `"KEY": "sha256:`) {
			t.Errorf("status --json does not show KEY as its hash:\n%s", out)
		}
	}
	for _, o := range outputs {
		if strings.Contains(o, secret) {
			t.Errorf("an output shows the sensitive value:\n%s", o)
		}
	}
	runBerth(t, 0, "destroy", "--auto-approve", dir)
}

// runBerthOutput runs berth in-process, checks its exit code and returns
// its stdout and stderr.
func runBerthOutput(t *testing.T, want int, args ...string) (string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	if code := Run(args, strings.NewReader(""), &out, &errb); code != want {
		t.Fatalf("berth %s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, want, out.String(), errb.String())
	}
	return out.String(), errb.String()
}
