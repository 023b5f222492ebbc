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

// exportMovedCheckout exports a spec in <tmp>/a/repo/infra to
// infra/deploy/compose.yaml, with a bind of ./data (in the spec's
// directory), a config of ../shared/app.conf (beside it) and a bind of
// the host's /var/run/docker.sock, then moves the checkout to
// <tmp>/b/repo, as a teammate's clone or a CI job's is elsewhere, and
// returns the moved file and the moved infra directory.
func exportMovedCheckout(t *testing.T) (string, string, []byte) {
	t.Helper()
	tmp := t.TempDir()
	dir := filepath.Join(tmp, "a", "repo", "infra")
	for _, d := range []string{"data", "deploy", "../shared"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	writeFile(t, filepath.Join(dir, "jwt.pem"), "secret")
	writeFile(t, filepath.Join(dir, "../shared/app.conf"), "x = 1\n")
	spec := testSpec("bexportrel", dir, "shop/api:1", 18080)
	spec.Configs = map[string]*lang.Config{"app": {Name: "app", File: "../shared/app.conf", Path: filepath.Join(dir, "../shared/app.conf")}}
	spec.Services["gateway"].Configs = []string{"app"}
	spec.Services["api"].Mounts = []lang.Mount{{Source: "./data", Target: "/data", ReadOnly: true}, {Source: "/var/run/docker.sock", Target: "/var/run/docker.sock"}}
	d, diags := (&Target{}).Desired(spec)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	data, _, err := ExportTo(filepath.Join(dir, "deploy"), &Target{}, spec, d)
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "deploy", "compose.yaml"), string(data))
	moved := filepath.Join(tmp, "b", "repo")
	if err := os.MkdirAll(filepath.Dir(moved), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(tmp, "a", "repo"), moved); err != nil {
		t.Fatal(err)
	}
	return filepath.Join(moved, "infra", "deploy", "compose.yaml"), filepath.Join(moved, "infra"), data
}

// TestExportPathsRelativeToTheFile: the project's files are written
// relative to the Compose file's directory, so compose-go, loading the
// file of a moved checkout from another working directory, finds them in
// that checkout; the host's docker.sock stays absolute. (They were all
// written absolute, naming the checkout that exported the file.)
func TestExportPathsRelativeToTheFile(t *testing.T) {
	path, infra, data := exportMovedCheckout(t)
	for _, want := range []string{"- ../data:/data:ro", "- /var/run/docker.sock:/var/run/docker.sock", "file: ../jwt.pem", "file: ../../shared/app.conf"} {
		if !strings.Contains(string(data), want) {
			t.Errorf("the file has no %q:\n%s", want, data)
		}
	}
	t.Chdir(t.TempDir())
	p, err := loader.LoadWithContext(context.Background(), types.ConfigDetails{
		WorkingDir: filepath.Dir(path), ConfigFiles: []types.ConfigFile{{Filename: path}}, Environment: types.Mapping{},
	}, func(o *loader.Options) { o.SetProjectName("bexportrel", true) })
	if err != nil {
		t.Fatalf("compose-go: %v\n%s", err, data)
	}
	api, _ := p.GetService("api")
	got := map[string]string{}
	for _, v := range api.Volumes {
		got[v.Target] = v.Source
	}
	want := map[string]string{"/data": filepath.Join(infra, "data"), "/var/run/docker.sock": "/var/run/docker.sock"}
	for target, src := range want {
		if got[target] != src {
			t.Errorf("the bind at %s resolves to %q, want %q", target, got[target], src)
		}
	}
	files := map[string]string{"secret jwt": p.Secrets["jwt"].File, "config app": p.Configs["app"].File}
	for what, f := range files {
		if _, err := os.Stat(f); err != nil || !strings.HasPrefix(f, infra+string(filepath.Separator)) && !strings.HasPrefix(f, filepath.Dir(infra)+string(filepath.Separator)) {
			t.Errorf("the %s resolves to %q, not a file of the moved checkout %s (%v)", what, f, filepath.Dir(infra), err)
		}
	}
}

// TestExportRelativePathsDockerCompose: docker-compose, run from another
// directory on the moved checkout's file, resolves the bind into it.
func TestExportRelativePathsDockerCompose(t *testing.T) {
	if _, err := exec.LookPath("docker-compose"); err != nil {
		t.Skip("docker-compose is not installed")
	}
	path, infra, data := exportMovedCheckout(t)
	cmd := exec.Command("docker-compose", "-p", "bexportrel", "-f", path, "config")
	cmd.Dir = t.TempDir()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("docker-compose config: %v\n%s\nfile:\n%s", err, out, data)
	}
	if want := filepath.Join(infra, "data") + ":/data:ro"; !strings.Contains(string(out), want) {
		t.Errorf("docker-compose config has no %q:\n%s", want, out)
	}
}

func TestExportPath(t *testing.T) {
	for _, c := range []struct{ dir, path, want string }{
		{"/home/u/proj", "/home/u/proj/data", "./data"},
		{"/home/u/proj", "/home/u/proj", "."},
		{"/home/u/proj/deploy", "/home/u/proj", ".."},
		{"/home/u/proj", "/home/u/shared/x", "../shared/x"},
		{"/home/u/proj", "/var/run/docker.sock", "/var/run/docker.sock"},
		{"/tmp/app", "/tmp/.X11-unix", "/tmp/.X11-unix"},
		{"", "/home/u/proj/data", "/home/u/proj/data"},
	} {
		if got := exportPath(c.dir, c.path); got != c.want {
			t.Errorf("exportPath(%q, %q) = %q, want %q", c.dir, c.path, got, c.want)
		}
	}
}
