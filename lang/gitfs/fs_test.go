package gitfs

import (
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/berth-dev/berth/lang"
)

// repo makes a git repository in a temp dir with two commits of a spec:
// the first sets replicas = 1, the second replicas = 2 and adds a file.
// It returns the directory.
func repo(t *testing.T) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	run := func(args ...string) {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.com",
			"GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.com", "GIT_CONFIG_GLOBAL=/dev/null")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	write := func(name, src string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run("init", "-q", "-b", "main")
	write("spec/main.berth.hcl", "service \"api\" {\n  replicas = 1\n}\n")
	write("README", "hello\n")
	run("add", ".")
	run("commit", "-q", "-m", "one")
	write("spec/main.berth.hcl", "service \"api\" {\n  replicas = 2\n}\n")
	write("spec/extra/x.txt", "x\n")
	run("add", ".")
	run("commit", "-q", "-m", "two")
	// A change in the work tree that no revision holds.
	write("spec/main.berth.hcl", "service \"api\" {\n  replicas = 9\n}\n")
	return dir
}

func TestFSPassesFSTest(t *testing.T) {
	dir := repo(t)
	f, err := Open(dir, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	if err := fstest.TestFS(f, "README", "spec/main.berth.hcl", "spec/extra/x.txt"); err != nil {
		t.Fatal(err)
	}
}

func TestFSReadsRevisionsNotTheWorkTree(t *testing.T) {
	dir := repo(t)
	tests := []struct {
		rev, want string
		hasExtra  bool
	}{
		{"HEAD", "replicas = 2", true},
		{"HEAD~1", "replicas = 1", false},
		{"main^", "replicas = 1", false},
	}
	for _, tt := range tests {
		f, err := Open(dir, tt.rev)
		if err != nil {
			t.Fatalf("%s: %v", tt.rev, err)
		}
		src, err := fs.ReadFile(f, "spec/main.berth.hcl")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(src), tt.want) {
			t.Errorf("%s: got %q, want it to contain %q", tt.rev, src, tt.want)
		}
		if _, err := f.Stat("spec/extra/x.txt"); (err == nil) != tt.hasExtra {
			t.Errorf("%s: stat spec/extra/x.txt: %v, want present=%v", tt.rev, err, tt.hasExtra)
		}
	}
}

func TestFSLoadsASpec(t *testing.T) {
	dir := repo(t)
	for rev, want := range map[string]int{"HEAD": 2, "HEAD~1": 1} {
		f, err := Open(dir, rev)
		if err != nil {
			t.Fatal(err)
		}
		spec, diags := lang.NewLoader().Load("spec", lang.Options{FS: f, Environ: []string{}})
		if diags.HasErrors() {
			t.Fatalf("%s: %v", rev, diags)
		}
		if got := spec.Services["api"].Replicas; got != want {
			t.Errorf("%s: replicas %d, want %d", rev, got, want)
		}
		if rng := spec.Services["api"].DeclRange; rng.Filename != "spec/main.berth.hcl" {
			t.Errorf("%s: range file %q, want the repository path", rev, rng.Filename)
		}
	}
}

func TestOpenErrors(t *testing.T) {
	dir := repo(t)
	for _, rev := range []string{"no-such-branch", "--output=x", "HEAD~9"} {
		if _, err := Open(dir, rev); err == nil {
			t.Errorf("Open(%q): no error", rev)
		}
	}
	if _, err := Open(t.TempDir(), "HEAD"); err == nil || !strings.Contains(err.Error(), "is in no git repository") {
		t.Errorf("Open outside a repository: %v, want it to say there is no repository", err)
	}
	if _, err := ResolveCommit(dir, "no-such-branch"); err == nil || strings.Contains(err.Error(), "no git repository") {
		t.Errorf("an unknown revision inside a repository: %v", err)
	}
	if _, err := ResolveCommit(dir, "HEAD:spec"); err == nil || !strings.Contains(err.Error(), "-C spec") {
		t.Errorf("a REV:PATH argument: %v, want it to show the revision and -C apart", err)
	}
	f, _ := Open(dir, "HEAD")
	for _, name := range []string{"../x", "/abs", "spec/missing"} {
		if _, err := f.Open(name); err == nil {
			t.Errorf("Open(%q): no error", name)
		}
	}
}

func TestTopLevel(t *testing.T) {
	dir := repo(t)
	top, prefix, err := TopLevel(filepath.Join(dir, "spec"))
	if err != nil {
		t.Fatal(err)
	}
	real, _ := filepath.EvalSymlinks(dir)
	if top != real && top != dir {
		t.Errorf("top %q, want %q", top, dir)
	}
	if prefix != "spec" {
		t.Errorf("prefix %q, want spec", prefix)
	}
}
