package cli

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/filters"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/dockertest"
)

// TestApplyPlanFileUsesPlanVars is terraform's saved-plan workflow on the
// real engine: berth plan -var log_level=debug -out plan.json, then berth
// apply plan.json given only the sensitive variable (the plan must read
// its spec again for it). apply uses the recorded log_level (a required
// variable: without the record, the spec read again has no value for it),
// and a -var that differs from the recorded one is refused before any
// change.
func TestApplyPlanFileUsesPlanVars(t *testing.T) {
	cli := dockertest.Client(t)
	project := engineProject(t, "bpvar")
	dir := t.TempDir()
	spec := `berth { project = "` + project + `" }
variable "jwt_key" {
  sensitive = true
}
variable "log_level" {
  type = string
}
variable "tags" {
  type    = list(string)
  default = ["a"]
}
service "api" {
  env = { KEY = var.jwt_key, LOG_LEVEL = var.log_level, TAGS = join(",", var.tags) }
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.berth.hcl"), []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	planFile := filepath.Join(t.TempDir(), "plan.json")
	t.Setenv("BERTH_VAR_jwt_key", "S3CRET-planvars")
	t.Setenv("BERTH_VAR_tags", `["x", "y"]`)
	runBerthOutput(t, 2, "plan", "-detailed-exitcode", "-var", "log_level=debug", "-out", planFile, dir)

	// A value other than the plan's: refused, nothing created.
	t.Setenv("BERTH_VAR_tags", `["other"]`) // the environment does not count: the plan's wins
	_, errOut := runBerthOutput(t, 1, "apply", "-var", "log_level=info", planFile)
	for _, want := range []string{"cannot set variables when applying a saved plan", `-var log_level=info: the plan was made with log_level = "debug"`, "Nothing was done"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("the refusal lacks %q:\n%s", want, errOut)
		}
	}
	ctx := context.Background()
	f := filters.NewArgs(filters.Arg("label", backends.ProjectFilter(project)))
	if cs, err := cli.ContainerList(ctx, container.ListOptions{All: true, Filters: f}); err != nil || len(cs) != 0 {
		t.Fatalf("after the refused apply the engine holds %d containers of the project (%v)", len(cs), err)
	}

	// Only the sensitive variable given (and log_level the same, which
	// is allowed): the plan's values are applied.
	out, errOut := runBerthOutput(t, 0, "apply", "--wait", shopWait.String(), "-var", "log_level=debug", planFile)
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
		if k, _, _ := strings.Cut(e, "="); k == "KEY" || k == "LOG_LEVEL" || k == "TAGS" {
			env = append(env, e)
		}
	}
	sort.Strings(env)
	if got, want := strings.Join(env, " "), "KEY=S3CRET-planvars LOG_LEVEL=debug TAGS=x,y"; got != want {
		t.Errorf("the container's env has %q, want %q", got, want)
	}
	t.Setenv("BERTH_VAR_tags", `["x", "y"]`)
	runBerth(t, 0, "destroy", "--auto-approve", "-var", "log_level=debug", dir)
}
