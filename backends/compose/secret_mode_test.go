package compose

import (
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/berth-dev/berth/backends/dockertest"
	"github.com/berth-dev/berth/lang"
)

// TestSecretsReadableByTheImageUser: a program that runs as another user
// than root (as postgres or node images do) reads the secrets and configs
// berth mounts; with 0400 files owned by root it got "permission denied".
func TestSecretsReadableByTheImageUser(t *testing.T) {
	cli := dockertest.Client(t)
	v1, _ := testImage(t, cli)
	project := testProject(t, cli)
	dir := t.TempDir()
	secret, conf := "pw-"+randHex(8), "listen 80;"
	writeFile(t, filepath.Join(dir, "pw.txt"), secret)
	spec := &lang.Spec{Project: project, Dir: dir, Backend: "compose",
		Secrets: map[string]*lang.Secret{"pw": {Name: "pw", File: "pw.txt", Path: filepath.Join(dir, "pw.txt")}},
		Configs: map[string]*lang.Config{"conf": {Name: "conf", Content: []byte(conf)}},
		Services: map[string]*lang.Service{
			"db": {Name: "db", Image: v1, Replicas: 1, Secrets: []string{"pw"}, Configs: []string{"conf"}},
		},
	}
	apply(t, New(cli), &Target{}, spec)
	name := ContainerName(project, "db", 1)
	for path, want := range map[string]string{MountTarget(TypeSecret, "pw"): secret, MountTarget(TypeConfig, "conf"): conf} {
		out, err := exec.Command("docker", "exec", "--user", "999:999", name, "/app", "--cat", path).CombinedOutput()
		if err != nil || string(out) != want {
			t.Errorf("user 999 reads %s: %q, %v; want its content", path, out, err)
		}
	}
}
