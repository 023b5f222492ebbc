package compose_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/compose"
	"github.com/berth-dev/berth/backends/dockertest"
	"github.com/berth-dev/berth/backends/emulator"
	"github.com/berth-dev/berth/internal/gcpolicy"
	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

// TestBenchVersusCompose measures berth against Debian's docker-compose on
// the same engine, in the same run, round after round (BERTH_BENCH=1;
// BERTH_BENCH_ROUNDS, default 5):
//
//   - from nothing to running: 20 emulated services × 2 replicas, `berth
//     apply` vs `docker-compose up -d` of `berth export compose` of the
//     same spec (target ≤ 3 s);
//   - a no-op apply vs a no-op `docker-compose up -d` (target ≤ 0.15 s);
//   - `berth plan` of a 1,000-service spec against an empty engine
//     (target ≤ 100 ms), with images and with every service emulated;
//   - the engine floor of the first: the same 40 containers (image,
//     command, env, one bridge network) created and started through the
//     Engine API, 16 at once, in no order, with no wait (engineFloor): the
//     least any client can take on this engine; and the same again with
//     network none and host, which split it (neither runs the project).
//
// It logs every round as it goes, then reports min/median/max of the wall
// clock and the median CPU time of the client process (berth's or
// docker-compose's own work, which the machine's load does not inflate as
// much). BERTH_BENCH_STRICT=1 also fails on a missed target;
// BERTH_BENCH_OUT=FILE writes the table there. `make bench-compose` runs
// it (docs/benchmarks.md).
func TestBenchVersusCompose(t *testing.T) {
	if os.Getenv("BERTH_BENCH") == "" {
		t.Skip("benchmarks run with BERTH_BENCH=1")
	}
	dockertest.Client(t)
	os.Setenv("COMPOSE_HTTP_TIMEOUT", "600") // a loaded engine answers slowly
	rounds := 5
	if n, err := strconv.Atoi(os.Getenv("BERTH_BENCH_ROUNDS")); err == nil && n > 0 {
		rounds = n
	}
	load0 := loadavg()
	berth := buildBerth(t)
	t.Setenv(backends.EnvStateDir, t.TempDir())
	id := randID()
	// Each round has projects of its own, so what one round's teardown
	// leaves behind (dockerd can keep a network it counts endpoints on,
	// moby/moby#43286) is no part of the next round's figures.
	projects := func(i int) (project, peer, dir string) {
		project = fmt.Sprintf("bbench%sr%d", id, i)
		dir = filepath.Join(t.TempDir(), project)
		writeSpec(t, dir, spec20(project))
		return project, fmt.Sprintf("bbenchdc%sr%d", id, i), dir
	}
	// Warm up: builds the emulator image once.
	_, _, dir0 := projects(0)
	run(t, berth, "plan", "--emulate", dir0)
	compose := filepath.Join(t.TempDir(), "compose.yaml")
	run(t, berth, "export", "compose", "--emulate", "-o", compose, dir0)
	hasCompose := true
	if _, err := exec.LookPath("docker-compose"); err != nil {
		hasCompose = false
		t.Log("docker-compose is not installed: no peer figures")
	}

	cli := dockertest.Client(t)
	image, floorCtrs := floorContainers(t, dir0, compose)
	var up, noop, dcUp, dcNoop, floor, floorNone, floorHost, plan1000, plan1000emu runs
	for i := 1; i <= rounds; i++ {
		project, peer, dir := projects(i)
		floorProject := fmt.Sprintf("bbenchfl%sr%d", id, i)
		t.Cleanup(func() {
			removeByLabel(t, backends.ProjectFilter(project))
			removeByLabel(t, "com.docker.compose.project="+peer)
			removeByLabel(t, backends.ProjectFilter(floorProject))
		})
		up.add(t, "berth apply", i, 0, berth, "apply", "--auto-approve", dir)
		noop.add(t, "berth apply (no-op)", i, 0, berth, "apply", "--auto-approve", dir)
		countContainers(t, project, 40)
		teardown(t, berth, "destroy", "--auto-approve", dir)
		if hasCompose {
			dcUp.add(t, "docker-compose up -d", i, 0, "docker-compose", "-p", peer, "-f", compose, "up", "-d")
			dcNoop.add(t, "docker-compose up -d (no-op)", i, 0, "docker-compose", "-p", peer, "-f", compose, "up", "-d")
			countComposeContainers(t, peer, 40)
			teardown(t, "docker-compose", "-p", peer, "-f", compose, "down", "-t", "2")
		}
		for _, f := range []struct {
			r    *runs
			mode floorNet
		}{{&floor, floorProjectNet}, {&floorNone, floorNoNet}, {&floorHost, floorHostNet}} {
			wall := engineFloor(t, cli, floorProject, image, floorCtrs, backends.DefaultParallelism, f.mode)
			f.r.wall = append(f.r.wall, wall)
			t.Logf("round %d: %-30s %s (load %s)", i, "engine floor, network "+string(f.mode), ms(wall), loadavg())
			removeByLabel(t, backends.ProjectFilter(floorProject))
		}
	}

	big := filepath.Join(t.TempDir(), "bbig"+id)
	writeSpec(t, big, spec1000("bbig"+id, true))
	bigEmu := filepath.Join(t.TempDir(), "bbigemu"+id)
	writeSpec(t, bigEmu, spec1000("bbigemu"+id, false))
	for i := 1; i <= rounds; i++ {
		plan1000.add(t, "berth plan 1,000", i, 0, berth, "plan", big)
		plan1000emu.add(t, "berth plan 1,000 emulated", i, 0, berth, "plan", bigEmu)
	}

	var b strings.Builder
	fmt.Fprintf(&b, "%-54s %8s %8s %8s %9s  %s\n", "", "min", "median", "max", "cpu (med)", "target")
	row := func(name string, r runs, target time.Duration) {
		if len(r.wall) == 0 {
			return
		}
		mn, md, mx := stats(r.wall)
		cpu := "-" // the engine floor has no client process
		if len(r.cpu) > 0 {
			_, c, _ := stats(r.cpu)
			cpu = ms(c)
		}
		mark := ""
		if target > 0 {
			mark = "≤ " + ms(target)
			if md > target {
				mark += "  MISSED"
				if os.Getenv("BERTH_BENCH_STRICT") != "" {
					t.Errorf("%s: median %s > %s", name, md, target)
				}
			}
		}
		fmt.Fprintf(&b, "%-54s %8s %8s %8s %9s  %s\n", name, ms(mn), ms(md), ms(mx), cpu, mark)
	}
	row("berth apply, 20 svc × 2 emulated, nothing → running", up, 3*time.Second)
	row("docker-compose up -d, same project (export)", dcUp, 0)
	row("engine floor: 40 bare create+start, 16 at once", floor, 0)
	row("  the same, network none (an empty netns each)", floorNone, 0)
	row("  the same, network host (no netns)", floorHost, 0)
	row("berth apply, no-op", noop, 150*time.Millisecond)
	row("docker-compose up -d, no-op", dcNoop, 0)
	row("berth plan, 1,000 services with images, empty engine", plan1000, 100*time.Millisecond)
	row("berth plan, 1,000 services emulated, empty engine", plan1000emu, 0)
	fmt.Fprintf(&b, "(%d rounds, berth and docker-compose interleaved; cpu: user+sys of the client\n"+
		"process alone, the engine's work not counted; load average before %s, after %s;\n"+
		"%d cpus; %s)\n", rounds, load0, loadavg(), runtime.NumCPU(), engineVersion(t))
	t.Log("\n" + b.String())
	if out := os.Getenv("BERTH_BENCH_OUT"); out != "" {
		if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
			t.Error(err)
		}
	}
}

// runs are the wall-clock and CPU times (user+sys of the client process)
// of one command, run after run.
type runs struct{ wall, cpu []time.Duration }

// add runs the command, checks its exit code, and logs the round's time
// at once, so a run cut short still shows what it measured.
func (r *runs) add(t *testing.T, what string, round, want int, name string, args ...string) {
	t.Helper()
	wall, cpu := timedExit(t, want, name, args...)
	r.wall, r.cpu = append(r.wall, wall), append(r.cpu, cpu)
	t.Logf("round %d: %-30s %s (cpu %s; load %s)", round, what, ms(wall), ms(cpu), loadavg())
}

func engineVersion(t *testing.T) string {
	out, err := exec.Command("docker", "version", "--format", "dockerd {{.Server.Version}}, API {{.Server.APIVersion}}").Output()
	if err != nil {
		return "engine version unknown"
	}
	return strings.TrimSpace(string(out))
}

func buildBerth(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "berth")
	cmd := exec.Command("go", "build", "-trimpath", "-o", bin, "../../cmd/berth")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build berth: %v\n%s", err, out)
	}
	return bin
}

func spec20(project string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "berth {\n  project = %q\n}\n\nservice \"gateway\" {\n  replicas = 2\n\n  endpoint \"all\" {\n    parallel {\n", project)
	for i := 1; i < 20; i++ {
		fmt.Fprintf(&b, "      call \"s%02d\" {}\n", i)
	}
	b.WriteString("    }\n  }\n}\n")
	for i := 1; i < 20; i++ {
		fmt.Fprintf(&b, "\nservice \"s%02d\" {\n  replicas = 2\n\n  endpoint \"get\" {}\n}\n\nlink \"gateway\" \"s%02d\" {\n  timeout = \"1s\"\n}\n", i, i)
	}
	return b.String()
}

// spec1000 is 1,000 services, each calling the one before it.
func spec1000(project string, images bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "berth {\n  project = %q\n}\n", project)
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(&b, "\nservice \"s%04d\" {\n", i)
		if images {
			b.WriteString("  image    = \"bench/app:1\"\n")
		}
		b.WriteString("  replicas = 1\n  env      = { LOG_LEVEL = \"info\" }\n\n  endpoint \"get\" {\n")
		if i > 0 {
			fmt.Fprintf(&b, "    call \"s%04d\" {}\n", i-1)
		}
		b.WriteString("  }\n}\n")
		if i > 0 {
			fmt.Fprintf(&b, "\nlink \"s%04d\" \"s%04d\" {\n  timeout = \"1s\"\n}\n", i, i-1)
		}
	}
	return b.String()
}

func writeSpec(t *testing.T, dir, text string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.berth.hcl"), []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// timedExit runs the command, fails the test unless it exits want, and
// returns its wall-clock time and its CPU time (user + system).
func timedExit(t *testing.T, want int, name string, args ...string) (wall, cpu time.Duration) {
	t.Helper()
	cmd := exec.Command(name, args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	start := time.Now()
	err := cmd.Run()
	wall = time.Since(start)
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	if code != want {
		t.Fatalf("%s %s: exit %d\n%s", name, strings.Join(args, " "), code, out.String())
	}
	return wall, cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
}

// teardown runs a round's destroy (or down); a failure is logged, not
// fatal: the round's figures are taken, and the test's cleanup removes what
// is left by label.
func teardown(t *testing.T, name string, args ...string) {
	t.Helper()
	if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
		t.Logf("teardown %s %s: %v (cleaned up at the end)\n%s", name, strings.Join(args, " "), err, lastLines(string(out), 3))
	}
}

// removeByLabel removes the containers and networks carrying label.
func removeByLabel(t *testing.T, label string) {
	out, _ := exec.Command("docker", "ps", "-aq", "--filter", "label="+label).Output()
	if ids := strings.Fields(string(out)); len(ids) > 0 {
		exec.Command("docker", append([]string{"rm", "-f"}, ids...)...).Run()
	}
	out, _ = exec.Command("docker", "network", "ls", "-q", "--filter", "label="+label).Output()
	for _, n := range strings.Fields(string(out)) {
		if msg, err := exec.Command("docker", "network", "rm", n).CombinedOutput(); err != nil {
			t.Logf("cleanup: network %s: %s", n, strings.TrimSpace(string(msg)))
		}
	}
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

func countContainers(t *testing.T, project string, want int) {
	t.Helper()
	out := run(t, "docker", "ps", "-q", "--filter", "label="+backends.ProjectFilter(project), "--filter", "status=running")
	if n := len(strings.Fields(out)); n != want {
		t.Fatalf("%d containers of %s running, want %d", n, project, want)
	}
}

func countComposeContainers(t *testing.T, project string, want int) {
	t.Helper()
	out := run(t, "docker", "ps", "-q", "--filter", "label=com.docker.compose.project="+project, "--filter", "status=running")
	if n := len(strings.Fields(out)); n != want {
		t.Logf("docker-compose started %d containers of %s, not %d: its figures are for another project size", n, project, want)
	}
}

func stats(ds []time.Duration) (mn, md, mx time.Duration) {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[0], s[len(s)/2], s[len(s)-1]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.3fs", d.Seconds()) }

func loadavg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	return strings.Join(strings.Fields(string(data))[:3], " ")
}

func randID() string {
	b := make([]byte, 3)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// BenchmarkPlan1000 is `berth plan` of a 1,000-service spec (images)
// against an empty engine, in process: load, observe, plan, render. The
// sub-benchmarks split it: "load" is the language alone, "rest" everything
// after it (target, observe, plan, render) on a spec loaded once, and
// "all/gc=berth" is "all" at the berth command's GC setting.
func BenchmarkPlan1000(b *testing.B) {
	cli := dockertest.Client(b)
	dir := filepath.Join(b.TempDir(), "bbig"+randID())
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "main.berth.hcl"), []byte(spec1000(filepath.Base(dir), true)), 0o644)
	be := compose.New(cli)
	ctx := context.Background()
	load := func(b *testing.B) *lang.Spec {
		spec, diags := lang.NewLoader().Load(dir, lang.Options{})
		if diags.HasErrors() {
			b.Fatal(diags)
		}
		return spec
	}
	rest := func(b *testing.B, spec *lang.Spec) {
		tg, err := be.Target(ctx, backends.TargetOptions{})
		if err != nil {
			b.Fatal(err)
		}
		obs, err := be.Observe(ctx, spec.Project)
		if err != nil {
			b.Fatal(err)
		}
		p, _, diags := planner.Make(tg, spec, obs)
		if diags.HasErrors() {
			b.Fatal(diags)
		}
		planner.Render(io.Discard, p.JSON(), planner.RenderOptions{})
	}
	b.Run("all", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			rest(b, load(b))
		}
	})
	b.Run("all/gc=berth", func(b *testing.B) {
		defer gcpolicy.Set()()
		for i := 0; i < b.N; i++ {
			rest(b, load(b))
		}
	})
	b.Run("load", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			load(b)
		}
	})
	b.Run("rest", func(b *testing.B) {
		spec := load(b)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			rest(b, spec)
		}
	})
}

// BenchmarkNoopApply20 is the work of a no-op `berth apply` of the 20 × 2
// emulated project, in process: load, emulator image, observe, plan.
func BenchmarkNoopApply20(b *testing.B) {
	cli := dockertest.Client(b)
	b.Setenv(backends.EnvStateDir, b.TempDir())
	dir := filepath.Join(b.TempDir(), "bnoop"+randID())
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "main.berth.hcl"), []byte(spec20(filepath.Base(dir))), 0o644)
	be := compose.New(cli)
	be.Emulator = func(spec *lang.Spec, svc string) (compose.EmulatorContainer, error) {
		cmd, env, port, err := emulator.ContainerSpec(spec, svc)
		return compose.EmulatorContainer{Cmd: cmd, Env: env, Port: port, HealthCheck: emulator.HealthcheckTest(port)}, err
	}
	be.EnsureEmulatorImage = emulator.EnsureImage
	ctx := context.Background()
	once := func(apply bool) *planner.Plan {
		spec, diags := lang.NewLoader().Load(dir, lang.Options{})
		if diags.HasErrors() {
			b.Fatal(diags)
		}
		tg, err := be.Target(ctx, backends.TargetOptions{NeedEmulator: true})
		if err != nil {
			b.Fatal(err)
		}
		obs, err := be.Observe(ctx, spec.Project)
		if err != nil {
			b.Fatal(err)
		}
		p, d, diags := planner.Make(tg, spec, obs)
		if diags.HasErrors() {
			b.Fatal(diags)
		}
		if apply && !p.Empty() {
			res, err := be.Apply(ctx, p, backends.ApplyOptions{Contents: d.Contents})
			if err != nil || !res.OK() {
				b.Fatalf("apply: %v %+v", err, res)
			}
		}
		return p
	}
	once(true)
	b.Cleanup(func() {
		obs, _ := be.Observe(ctx, filepath.Base(dir))
		p, _ := planner.Reconcile("compose", compose.Schema, nil, obs)
		p.Project = filepath.Base(dir)
		be.Apply(ctx, p, backends.ApplyOptions{})
	})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if p := once(false); !p.Empty() {
			b.Fatalf("not a no-op:\n%s", p)
		}
	}
}
