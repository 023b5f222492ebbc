package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/types"
)

// A sensitive variable's default is carried into the exported file as
// ${BERTH_VAR_name-default}: docker compose, without BERTH_VAR_name,
// gives the container the default, as berth apply does, where it gave it
// an empty value. A default Compose would read otherwise than berth (a $
// or a brace in it) is not carried, and the warning says so. The value
// the variable had at export (BERTH_VAR_name, -var) is never written.
func TestExportCarriesSensitiveDefaults(t *testing.T) {
	dir := t.TempDir()
	spec := `berth { project = "h65sdef" }

variable "db_password" {
  type      = string
  sensitive = true
  default   = "changeme"
}
variable "api_key" {
  type      = string
  sensitive = true
}
variable "odd" {
  type      = string
  sensitive = true
  default   = "a$b}"
}
variable "empty" {
  type      = string
  sensitive = true
  default   = ""
}

service "db" {
  image = "postgres:16"
  env = {
    POSTGRES_PASSWORD = var.db_password
    URL               = "postgres://app:${var.db_password}@db/app"
    KEY               = var.api_key
    ODD               = var.odd
    EMPTY             = var.empty
  }
}
`
	if err := os.WriteFile(filepath.Join(dir, "main.berth.hcl"), []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("BERTH_VAR_db_password", "GIVEN-AT-EXPORT")
	t.Setenv("BERTH_VAR_api_key", "GIVEN-KEY")
	for _, target := range []string{"compose", "swarm"} {
		t.Run(target, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "compose.yaml")
			_, stderr := runBerthOutput(t, 0, "export", "compose", "--for", target, dir, "-o", out)
			data, err := os.ReadFile(out)
			if err != nil {
				t.Fatal(err)
			}
			if strings.Contains(string(data), "GIVEN") {
				t.Errorf("the file holds a value given at export:\n%s", data)
			}
			if !strings.Contains(stderr, "(unset, the file takes the default of var.db_password, as berth apply does)") {
				t.Errorf("no warning names the default:\n%s", stderr)
			}
			if !strings.Contains(stderr, "the default of var.odd is not carried") {
				t.Errorf("no warning says the default of odd is not carried:\n%s", stderr)
			}
			for _, c := range []struct {
				env  types.Mapping
				want map[string]string
			}{
				// unset: the defaults, as berth apply gives them; a
				// variable without one, or one not carried, is empty
				{types.Mapping{}, map[string]string{"POSTGRES_PASSWORD": "changeme", "URL": "postgres://app:changeme@db/app", "KEY": "", "ODD": "", "EMPTY": ""}},
				// set, even to nothing: the value given
				{types.Mapping{"BERTH_VAR_db_password": "", "BERTH_VAR_api_key": "k", "BERTH_VAR_odd": "o", "BERTH_VAR_empty": "e"},
					map[string]string{"POSTGRES_PASSWORD": "", "URL": "postgres://app:@db/app", "KEY": "k", "ODD": "o", "EMPTY": "e"}},
			} {
				p, err := loader.LoadWithContext(context.Background(), types.ConfigDetails{
					WorkingDir: filepath.Dir(out), ConfigFiles: []types.ConfigFile{{Filename: out}}, Environment: c.env,
				}, func(o *loader.Options) { o.SetProjectName("h65sdef", true) })
				if err != nil {
					t.Fatalf("compose-go: %v\n%s", err, data)
				}
				db, err := p.GetService("db")
				if err != nil {
					t.Fatal(err)
				}
				for k, want := range c.want {
					if got := db.Environment[k]; got == nil || *got != want {
						t.Errorf("environment %v: %s = %v, want %q\n%s", c.env, k, deref(got), want, data)
					}
				}
			}
		})
	}
}

func deref(s *string) any {
	if s == nil {
		return nil
	}
	return *s
}
