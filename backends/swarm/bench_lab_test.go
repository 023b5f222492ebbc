package swarm

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/berth-dev/berth/backends/swarm/swarmtest"
)

// The speed of berth on the lab swarm, measured beside the peer in one
// run, as the user sees both: a `berth` process and `docker stack deploy`
// plus `docker stack services` polled until every service is n/n.
//
//	go test ./backends/swarm -run '^$' -bench Lab -benchtime 5x
//
// Each iteration starts from nothing (the previous project destroyed,
// not timed); the emulator image is on every node already; berth and the
// peer take turns going first. Reported: min/median/max seconds of berth
// from nothing to converged, of the peer, of a no-op berth apply and of the
// engine floor (swarmFloor: the same services straight through the API,
// untimed by the benchmark itself), and the median CPU time of the client
// processes (user + system: berth's process; docker stack deploy and
// every docker stack services).
func BenchmarkLabDeploy20x2(b *testing.B) {
	lab := swarmtest.Get(b)
	bin := buildBerth(b)
	dir, err := filepath.Abs("testdata/bench20")
	if err != nil {
		b.Fatal(err)
	}
	env := labCommandEnv(lab)
	const project, peer, floorProject = "swbench", "swbenchpeer", "swbenchfloor"
	run := func(name string, args ...string) timing {
		start := time.Now()
		cmd := exec.Command(name, args...)
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
		return timing{wall: time.Since(start), cpu: cpuTime(cmd)}
	}
	destroy := func() {
		run(bin, "destroy", "--backend", "swarm", "--auto-approve", dir)
		exec.Command("docker", "-H", lab.ManagerHost, "stack", "rm", peer).Run()
		waitStackGone(b, lab, peer)
	}
	destroy()
	b.Cleanup(destroy)
	// Warm-up: the image reaches every node, the first overlay attach.
	run(bin, "apply", "--backend", "swarm", "--auto-approve", dir)
	destroy()
	// The peer runs the image berth just put on every node: the stack
	// file is berth's own export, by the same binary.
	stackFile, image := exportBench(b, bin, env, dir, lab)
	spec, _ := loadDir(b, dir)

	var berth, stack, noop, floor []timing
	b.Logf("load average before: %s", loadAverage())
	b.ResetTimer()
	for i := range b.N {
		applyBerth := func() {
			t := run(bin, "apply", "--backend", "swarm", "--auto-approve", dir)
			berth = append(berth, t)
			b.Logf("round %d: berth %.2fs (cpu %.2fs), load average %s", i+1, t.wall.Seconds(), t.cpu.Seconds(), loadAverage())
			for range 3 {
				noop = append(noop, run(bin, "apply", "--backend", "swarm", "--auto-approve", dir))
			}
		}
		applyStack := func() {
			t := stackDeploy(b, env, stackFile, peer, 20)
			stack = append(stack, t)
			b.Logf("round %d: stack %.2fs (cpu %.2fs), load average %s", i+1, t.wall.Seconds(), t.cpu.Seconds(), loadAverage())
		}
		if i%2 == 0 {
			applyBerth()
			applyStack()
		} else {
			applyStack()
			applyBerth()
		}
		b.StopTimer()
		destroy()
		// The floor, untimed by the benchmark: the same services created
		// straight through the API, from nothing.
		wall := swarmFloor(b, lab, spec, image, floorProject)
		floor = append(floor, timing{wall: wall})
		b.Logf("round %d: engine floor %.2fs, load average %s", i+1, wall.Seconds(), loadAverage())
		removeFloor(b, lab, floorProject)
		b.StartTimer()
	}
	b.StopTimer()
	b.Logf("load average after: %s", loadAverage())
	report(b, "berth", berth)
	report(b, "stack", stack)
	report(b, "noop", noop)
	report(b, "floor", floor)
}

// timing is one client command (or the peer's commands together): wall
// clock and the CPU time of the client processes.
type timing struct{ wall, cpu time.Duration }

func cpuTime(cmd *exec.Cmd) time.Duration {
	if cmd.ProcessState == nil {
		return 0
	}
	return cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
}

// stackDeploy runs docker stack deploy and polls docker stack services
// until the n services are all at their replicas.
func stackDeploy(b *testing.B, env []string, file, project string, n int) timing {
	start := time.Now()
	cmd := exec.Command("docker", "stack", "deploy", "--resolve-image", "never", "-c", file, project)
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("docker stack deploy: %v\n%s", err, out)
	}
	cpu := cpuTime(cmd)
	for time.Since(start) < 5*time.Minute {
		cmd := exec.Command("docker", "stack", "services", "--format", "{{.Replicas}}", project)
		cmd.Env = env
		out, err := cmd.Output()
		cpu += cpuTime(cmd)
		if err == nil && convergedReplicas(string(out)) == n {
			return timing{wall: time.Since(start), cpu: cpu}
		}
		time.Sleep(250 * time.Millisecond)
	}
	cmd = exec.Command("docker", "stack", "ps", "--no-trunc", "--filter", "desired-state=running", project)
	cmd.Env = env
	out, _ := cmd.CombinedOutput()
	b.Fatalf("the stack did not converge in 5 minutes (load average %s):\n%s", loadAverage(), out)
	return timing{}
}

// convergedReplicas counts the "n/n" lines of docker stack services.
func convergedReplicas(out string) int {
	k := 0
	for _, l := range strings.Fields(out) {
		a, c, ok := strings.Cut(l, "/")
		if ok && a == c && a != "0" {
			k++
		}
	}
	return k
}

func report(b *testing.B, name string, ts []timing) {
	if len(ts) == 0 {
		return
	}
	wall, cpu := make([]float64, len(ts)), make([]float64, len(ts))
	for i, t := range ts {
		wall[i], cpu[i] = t.wall.Seconds(), t.cpu.Seconds()
	}
	sort.Float64s(wall)
	sort.Float64s(cpu)
	b.ReportMetric(wall[0], name+"-min-s")
	b.ReportMetric(wall[len(wall)/2], name+"-median-s")
	b.ReportMetric(wall[len(wall)-1], name+"-max-s")
	b.ReportMetric(cpu[len(cpu)/2], name+"-cpu-median-s")
	b.Logf("%s: min %.2fs median %.2fs max %.2fs, cpu median %.2fs (%d runs)", name, wall[0], wall[len(wall)/2], wall[len(wall)-1], cpu[len(cpu)/2], len(ts))
}

// labCommandEnv points docker and berth at the lab: DOCKER_HOST at the
// manager, BERTH_SWARM_NODES at every node.
func labCommandEnv(lab *swarmtest.Lab) []string {
	var nodes []string
	for _, n := range lab.Nodes {
		nodes = append(nodes, n.Host)
	}
	return append(os.Environ(), "DOCKER_HOST="+lab.ManagerHost, EnvNodes+"="+strings.Join(nodes, ","), "NO_COLOR=1")
}

// exportBench writes the bench project as a stack file for the peer,
// `berth export compose --for swarm` by the benchmarked binary, and checks
// that its emulator image is on every node of the lab: a task sent to a
// node without it is rejected ("No such image") and rescheduled, which
// would time the peer's retries, not its deploy.
func exportBench(b *testing.B, bin string, env []string, dir string, lab *swarmtest.Lab) (file, image string) {
	file = filepath.Join(b.TempDir(), "stack.yaml")
	cmd := exec.Command(bin, "export", "compose", "--for", "swarm", "-o", file, dir)
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("berth export compose --for swarm: %v\n%s", err, out)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	m := regexp.MustCompile(`image: (berth-emulator:\S+)`).FindSubmatch(data)
	if m == nil {
		b.Fatalf("the stack file names no emulator image:\n%s", data)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	for _, n := range lab.Nodes {
		if _, err := n.Client.ImageInspect(ctx, string(m[1])); err != nil {
			b.Fatalf("node %d lacks %s, which berth's apply should have put there: %v", n.Index, m[1], err)
		}
	}
	return file, string(m[1])
}

var berthBin struct {
	once sync.Once
	path string
	err  error
}

// buildBerth builds a static berth binary once per test process.
func buildBerth(b testing.TB) string {
	berthBin.once.Do(func() {
		dir, err := os.MkdirTemp("", "berth-bench-*")
		if err != nil {
			berthBin.err = err
			return
		}
		berthBin.path = filepath.Join(dir, "berth")
		cmd := exec.Command("go", "build", "-trimpath", "-o", berthBin.path, "github.com/berth-dev/berth/cmd/berth")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			berthBin.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if berthBin.err != nil {
		b.Fatal(berthBin.err)
	}
	return berthBin.path
}
