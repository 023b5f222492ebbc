package emulator

import (
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestIsStaticELF(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("ELF checks need linux binaries")
	}
	dir := t.TempDir()
	src := filepath.Join(dir, "main.go")
	os.WriteFile(src, []byte("package main\nfunc main() {}\n"), 0o644)
	static := filepath.Join(dir, "static")
	cmd := exec.Command("go", "build", "-o", static, src)
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOFLAGS=")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Skipf("go build: %v %s", err, out)
	}
	if err := isStaticELF(static, runtime.GOARCH); err != nil {
		t.Errorf("static binary: %v", err)
	}
	other := "arm64"
	if runtime.GOARCH == "arm64" {
		other = "amd64"
	}
	if err := isStaticELF(static, other); err == nil {
		t.Errorf("a %s binary passed for %s", runtime.GOARCH, other)
	}
	if err := isStaticELF(src, runtime.GOARCH); err == nil || !strings.Contains(err.Error(), "not an ELF") {
		t.Errorf("source file: %v", err)
	}
	// A dynamically linked system binary, when there is one.
	for _, p := range []string{"/bin/ls", "/bin/sh", "/usr/bin/env"} {
		if !hasInterp(p) {
			continue
		}
		if err := isStaticELF(p, runtime.GOARCH); err == nil || !strings.Contains(err.Error(), "dynamically linked") {
			t.Errorf("%s: %v; want dynamically linked", p, err)
		}
		break
	}
}

func hasInterp(path string) bool {
	f, err := elf.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			return true
		}
	}
	return false
}

func TestTestBinaryIsNotBerth(t *testing.T) {
	if isBerth() {
		t.Error("a test binary was taken for berth's main package")
	}
}

func TestModuleDir(t *testing.T) {
	dir, err := moduleDir()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "cmd", "berth")); err != nil {
		t.Errorf("module dir %s has no cmd/berth", dir)
	}
}

// From a directory outside the source tree, the tree the binary was built
// from is found (a `go build ./cmd/berth` binary run from anywhere).
func TestModuleDirOutsideTree(t *testing.T) {
	want, err := moduleDir()
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	got, err := moduleDir()
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Errorf("module dir from elsewhere = %s, want %s", got, want)
	}
}
