package compose

import (
	"os/exec"
	"strings"
	"testing"
)

// TestExportWarnsDockerComposeIgnoresConfigs: a service that mounts a
// config is a warning, since docker-compose 1.x starts it without the
// file; and docker-compose, when installed, says it ignores them (were a
// docker-compose to mount them, the warning would be wrong).
func TestExportWarnsDockerComposeIgnoresConfigs(t *testing.T) {
	path, _ := exportFile(t) // gateway mounts config "app"; exportFile checks the warning
	if _, err := exec.LookPath("docker-compose"); err != nil {
		t.Skip("docker-compose is not installed")
	}
	out, err := exec.Command("docker-compose", "-p", "bexport", "-f", path, "config").CombinedOutput()
	if err != nil {
		t.Fatalf("docker-compose config: %v\n%s", err, out)
	}
	v, _ := exec.Command("docker-compose", "version", "--short").Output()
	if strings.HasPrefix(string(v), "1.") && !strings.Contains(string(out), "'configs' key, which will be ignored") {
		t.Errorf("docker-compose %s does not say it ignores configs, yet export warns that it does:\n%s", strings.TrimSpace(string(v)), out)
	}
}

func TestConfigWarningsOnlyForServicesWithConfigs(t *testing.T) {
	got := configWarnings(map[string]*composeService{
		"web": {Configs: []string{"nginx", "site"}}, "db": {},
	})
	want := `service "web" mounts config "nginx" at /nginx, config "site" at /site: docker-compose 1.x ignores configs`
	if len(got) != 1 || !strings.HasPrefix(got[0], want) {
		t.Errorf("warnings: %q, want one starting %q", got, want)
	}
}
