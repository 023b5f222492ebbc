package emulator

import (
	"bufio"
	"bytes"
	"context"
	"debug/elf"
	"fmt"
	"hash/crc32"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
)

// berthMain is the import path of berth's main package.
const berthMain = "github.com/berth-dev/berth/cmd/berth"

// berthModule is berth's module path.
const berthModule = "github.com/berth-dev/berth"

// staticBinary returns the path of a static linux berth binary for arch
// (GOARCH spelling): the running executable when it is one, else one built
// by `go build` (CGO_ENABLED=0, -trimpath) from the module source into the
// user cache directory.
func staticBinary(ctx context.Context, arch string) (string, error) {
	if exe, err := os.Executable(); err == nil && isBerth() && isStaticELF(exe, arch) == nil {
		return exe, nil
	}
	return buildStatic(ctx, arch)
}

// isBerth reports whether the running program is berth's main package (a
// test binary is not).
func isBerth() bool {
	bi, ok := debug.ReadBuildInfo()
	return ok && bi.Path == berthMain
}

// elfMachines maps GOARCH to ELF machine types.
var elfMachines = map[string]elf.Machine{
	"amd64": elf.EM_X86_64, "arm64": elf.EM_AARCH64, "386": elf.EM_386,
	"arm": elf.EM_ARM, "ppc64le": elf.EM_PPC64, "s390x": elf.EM_S390, "riscv64": elf.EM_RISCV,
}

// isStaticELF checks that path is a linux ELF executable for arch with no
// program interpreter (PT_INTERP), i.e. it runs in a FROM scratch image.
func isStaticELF(path, arch string) error {
	f, err := elf.Open(path)
	if err != nil {
		return fmt.Errorf("%s is not an ELF executable: %w", path, err)
	}
	defer f.Close()
	if m, ok := elfMachines[arch]; !ok || f.Machine != m {
		return fmt.Errorf("%s is built for %v, the engine runs %s", path, f.Machine, arch)
	}
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			return fmt.Errorf("%s is dynamically linked (build it with CGO_ENABLED=0)", path)
		}
	}
	return nil
}

var built struct {
	mu    sync.Mutex
	paths map[string]string // by arch
}

// buildStatic builds berth once per process and arch. The output is
// written next to its final name and renamed, so concurrent processes
// never see half a binary.
func buildStatic(ctx context.Context, arch string) (string, error) {
	built.mu.Lock()
	defer built.mu.Unlock()
	if p := built.paths[arch]; p != "" {
		return p, nil
	}
	gotool, err := exec.LookPath("go")
	if err != nil {
		return "", errNoStatic(arch, "the go tool is not on PATH")
	}
	src, err := moduleDir()
	if err != nil {
		return "", errNoStatic(arch, err.Error())
	}
	cache, err := os.UserCacheDir()
	if err != nil {
		cache = os.TempDir()
	}
	dir := filepath.Join(cache, "berth")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	// One binary per source tree: two checkouts (or a test run beside a
	// development tree) must never swap each other's binaries under them.
	out := filepath.Join(dir, fmt.Sprintf("berth-linux-%s-%08x", arch, crc32.ChecksumIEEE([]byte(src))))
	tmp, err := os.CreateTemp(dir, ".berth-build-*")
	if err != nil {
		return "", err
	}
	tmp.Close()
	// -buildvcs=false: the git state (a new commit, an edited file) is not
	// stamped into the binary, so the emulator image's tag, its digest,
	// moves only when the code does, not under a test run or a plan made
	// while the tree is edited.
	cmd := exec.CommandContext(ctx, gotool, "build", "-trimpath", "-buildvcs=false", "-ldflags", "-s -w", "-o", tmp.Name(), "./cmd/berth")
	cmd.Dir = src
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux", "GOARCH="+arch)
	if msg, err := cmd.CombinedOutput(); err != nil {
		os.Remove(tmp.Name())
		return "", fmt.Errorf("building a static berth for the emulator image in %s: %v\n%s", src, err, bytes.TrimSpace(msg))
	}
	if err := os.Rename(tmp.Name(), out); err != nil {
		return "", err
	}
	if built.paths == nil {
		built.paths = map[string]string{}
	}
	built.paths[arch] = out
	return out, nil
}

// moduleDir finds berth's module source: the directory of the nearest
// go.mod declaring berth's module, from the working directory up, or else
// the source tree this binary was built from (its file names hold it
// unless it was built with -trimpath), so `go build ./cmd/berth` gives a
// berth that works from any directory.
func moduleDir() (string, error) {
	if wd, err := os.Getwd(); err == nil {
		if dir, ok := findModuleUp(wd); ok {
			return dir, nil
		}
	}
	if _, file, _, ok := runtime.Caller(0); ok && filepath.IsAbs(file) {
		if dir, ok := findModuleUp(filepath.Dir(file)); ok {
			return dir, nil
		}
	}
	return "", fmt.Errorf("berth's module source is neither in or above the working directory nor where this binary was built")
}

// SourceDir is the module source a berth that is not static builds its
// emulator binary from (see staticBinary), or "" when there is none: what,
// beside the executable itself, decides which image EnsureImage returns.
func SourceDir() string {
	dir, _ := moduleDir()
	return dir
}

// findModuleUp looks for berth's go.mod in dir and its parents.
func findModuleUp(dir string) (string, bool) {
	for {
		if isBerthModule(filepath.Join(dir, "go.mod")) {
			return dir, true
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", false
		}
		dir = parent
	}
}

func isBerthModule(gomod string) bool {
	f, err := os.Open(gomod)
	if err != nil {
		return false
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if mod, ok := strings.CutPrefix(strings.TrimSpace(sc.Text()), "module "); ok {
			return strings.Trim(strings.TrimSpace(mod), `"`) == berthModule
		}
	}
	return false
}

func errNoStatic(arch, why string) error {
	return fmt.Errorf("berth needs a static linux/%s binary of itself for the emulator image, and none is at hand (%s): "+
		"build berth with CGO_ENABLED=0 (`make build` does) and run that binary", arch, why)
}
