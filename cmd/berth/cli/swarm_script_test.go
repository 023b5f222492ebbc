package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/filters"
	"github.com/docker/docker/api/types/network"
	"github.com/docker/docker/api/types/swarm"
	"github.com/docker/docker/api/types/volume"
	"github.com/docker/docker/client"
	"github.com/rogpeppe/go-internal/testscript"

	"github.com/berth-dev/berth/backends"
	swarmbe "github.com/berth-dev/berth/backends/swarm"
	"github.com/berth-dev/berth/backends/swarm/swarmtest"
	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
	"github.com/berth-dev/berth/simulate"
)

// TestSwarmScripts runs the CLI scripts of testdata/swarm against the
// 3-node lab swarm (scripts/swarm-lab.sh; BERTH_SWARM_LAB). They run one
// at a time, with a real static berth binary (the one a user runs; it is
// also the emulator's binary), DOCKER_HOST at the manager and
// BERTH_SWARM_NODES at every node.
func TestSwarmScripts(t *testing.T) {
	lab := swarmtest.Get(t)
	bin := swarmBerthBinary(t)
	examples, err := filepath.Abs(filepath.Join("..", "..", "..", "examples"))
	if err != nil {
		t.Fatal(err)
	}
	var nodes []string
	for _, n := range lab.Nodes {
		nodes = append(nodes, n.Host)
	}
	sl := &swarmLab{lab: lab}
	testscript.RunT(swarmSerialT{t}, testscript.Params{
		Dir:                 filepath.Join("testdata", "swarm"),
		UpdateScripts:       os.Getenv("BERTH_UPDATE") != "",
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("PATH", filepath.Dir(bin)+string(os.PathListSeparator)+env.Getenv("PATH"))
			env.Setenv("EXAMPLES", examples)
			env.Setenv("DOCKER_HOST", lab.ManagerHost)
			env.Setenv("BERTH_SWARM_NODES", strings.Join(nodes, ","))
			env.Setenv("BERTH_STATE_DIR", filepath.Join(env.WorkDir, ".berth"))
			env.Setenv("NO_COLOR", "1")
			env.Defer(func() { sl.cleanup(env.WorkDir) })
			return nil
		},
		Condition: swarmCondition,
		Cmds: map[string]func(*testscript.TestScript, bool, []string){
			"exitcode":      cmdExitCode,
			"labcopy":       sl.copy,
			"labproject":    sl.project,
			"labimage":      sl.image,
			"labget":        sl.get,
			"labkill":       sl.kill,
			"labstart":      sl.start,
			"labempty":      sl.empty,
			"watchrecovery": sl.watchRecovery,
			"simrecovery":   sl.simRecovery,
			"labstartup":    sl.startup,
			"agree":         swarmAgree,
			"lastbeat":      lastBeat,
		},
	})
}

// swarmSerialT runs the scripts one after the other: they share the lab, and
// one of them kills a node.
type swarmSerialT struct{ *testing.T }

func (t swarmSerialT) Parallel()     {}
func (t swarmSerialT) Verbose() bool { return testing.Verbose() }
func (t swarmSerialT) Run(name string, f func(testscript.T)) {
	t.T.Run(name, func(t *testing.T) { f(swarmSerialT{t}) })
}

var swarmBuilt struct {
	once sync.Once
	path string
	err  error
}

// swarmBerthBinary builds a static berth once per test run.
func swarmBerthBinary(t *testing.T) string {
	swarmBuilt.once.Do(func() {
		dir, err := os.MkdirTemp("", "berth-bin-*")
		if err != nil {
			swarmBuilt.err = err
			return
		}
		swarmBuilt.path = filepath.Join(dir, "berth")
		cmd := exec.Command("go", "build", "-trimpath", "-o", swarmBuilt.path, "github.com/berth-dev/berth/cmd/berth")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			swarmBuilt.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if swarmBuilt.err != nil {
		t.Fatal(swarmBuilt.err)
	}
	return swarmBuilt.path
}

type swarmLab struct {
	lab *swarmtest.Lab
	mu  sync.Mutex
	// projects made by each script (by work dir), destroyed when it ends
	// whether it passed or not.
	projects map[string][]string
}

func (l *swarmLab) remember(workDir, project string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.projects == nil {
		l.projects = map[string][]string{}
	}
	l.projects[workDir] = append(l.projects[workDir], project)
}

// cleanup destroys what a script's projects left (a failed script stops
// before its own destroy) and starts any node it killed.
func (l *swarmLab) cleanup(workDir string) {
	l.mu.Lock()
	projects := l.projects[workDir]
	delete(l.projects, workDir)
	l.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	for _, n := range l.lab.Nodes {
		if _, err := n.Client.Ping(ctx); err != nil {
			l.lab.Start(n)
		}
	}
	mgr, err := swarmtest.NewClient(l.lab.ManagerHost)
	if err != nil {
		return
	}
	var nodes []*client.Client
	for _, n := range l.lab.Nodes {
		if c, err := swarmtest.NewClient(n.Host); err == nil {
			nodes = append(nodes, c)
		}
	}
	be := swarmbe.New(mgr, nodes)
	defer be.Close()
	for _, project := range projects {
		obs, err := be.Observe(ctx, project)
		if err != nil || len(obs.Resources) == 0 {
			continue
		}
		p, err := planner.Reconcile("swarm", (&swarmbe.Target{}).Schema, nil, obs)
		if err == nil {
			p.Project = project
			be.Apply(ctx, p, backends.ApplyOptions{})
		}
	}
	for _, project := range projects {
		removeStack(ctx, mgr, project)
	}
}

// removeStack removes what `docker stack deploy` made of a project, as
// `docker stack rm` does.
func removeStack(ctx context.Context, m *client.Client, project string) {
	f := filters.NewArgs(filters.Arg("label", "com.docker.stack.namespace="+project))
	if ss, err := m.ServiceList(ctx, swarm.ServiceListOptions{Filters: f}); err == nil {
		for _, s := range ss {
			m.ServiceRemove(ctx, s.ID)
		}
	}
	if ss, err := m.SecretList(ctx, swarm.SecretListOptions{Filters: f}); err == nil {
		for _, s := range ss {
			m.SecretRemove(ctx, s.ID)
		}
	}
	if cs, err := m.ConfigList(ctx, swarm.ConfigListOptions{Filters: f}); err == nil {
		for _, c := range cs {
			m.ConfigRemove(ctx, c.ID)
		}
	}
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(500 * time.Millisecond) {
		ns, err := m.NetworkList(ctx, network.ListOptions{Filters: f})
		if err != nil || len(ns) == 0 {
			return
		}
		for _, n := range ns {
			m.NetworkRemove(ctx, n.ID)
		}
	}
}

// labcopy SRC DST PROJECT [replicas.SVC=N] [image.SVC=REF]: a lab copy of a
// spec (dnsrr, host-mode publishing, 10 s health timeouts).
func (l *swarmLab) copy(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 3 {
		ts.Fatalf("usage: labcopy SRC DST PROJECT [replicas.SVC=N] [image.SVC=REF]")
	}
	o := swarmtest.Overrides{Project: args[2], Replicas: map[string]int{}, Images: map[string]string{}, HealthTimeout: "10s"}
	for _, kv := range args[3:] {
		k, v, _ := strings.Cut(kv, "=")
		kind, svc, _ := strings.Cut(k, ".")
		switch kind {
		case "replicas":
			n, err := strconv.Atoi(v)
			ts.Check(err)
			o.Replicas[svc] = n
		case "image":
			o.Images[svc] = v
		default:
			ts.Fatalf("labcopy: unknown override %q", kv)
		}
	}
	l.remember(ts.Getenv("WORK"), o.Project)
	ts.Check(swarmtest.LabCopy(ts.MkAbs(args[0]), ts.MkAbs(args[1]), o))
}

// labproject PROJECT: the script makes PROJECT from a spec of its own;
// it is destroyed when the script ends, whether it passed or not.
func (l *swarmLab) project(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: labproject PROJECT")
	}
	l.remember(ts.Getenv("WORK"), args[0])
}

// labimage REF: builds the image of a service that never passes its
// health check, on the manager (apply copies it to the nodes).
func (l *swarmLab) image(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: labimage REF")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	ts.Check(swarmtest.BuildImage(ctx, l.lab.Manager, args[0], swarmtest.UnhealthyProgram))
}

// labget SERVICE PORT PATH: GET PATH from 127.0.0.1:PORT inside the
// network namespace of a node that runs a task of the swarm service (a
// host-mode published port is bound there); prints the body of the last
// answer. It asks up to 10 times, 1 s apart, until the answer is 200: the
// first calls through a fresh overlay can miss a tight link timeout on a
// loaded machine (shop's gateway → auth allows 50 ms). With !, it expects
// no 200 at all.
func (l *swarmLab) get(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 3 {
		ts.Fatalf("usage: labget SERVICE PORT PATH")
	}
	port, err := strconv.Atoi(args[1])
	ts.Check(err)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	node := l.nodeRunning(ts, ctx, args[0])
	var body []byte
	code := 0
	for attempt := 1; attempt <= 10; attempt++ {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://127.0.0.1"+args[2], nil)
		resp, err := node.HTTPClient(port, 10*time.Second).Do(req)
		if err == nil {
			body, err = io.ReadAll(resp.Body)
			resp.Body.Close()
			code = resp.StatusCode
		}
		ts.Logf("attempt %d on node %d: %d %v", attempt, node.Index, code, err)
		if code == http.StatusOK {
			break
		}
		time.Sleep(time.Second)
	}
	fmt.Fprintf(ts.Stdout(), "%s\n", body)
	if ok := code == http.StatusOK; ok == neg {
		ts.Fatalf("GET %s on node %d: status %d", args[2], node.Index, code)
	}
}

func (l *swarmLab) nodeRunning(ts *testscript.TestScript, ctx context.Context, service string) *swarmtest.Node {
	tasks, err := l.lab.Manager.TaskList(ctx, swarm.TaskListOptions{Filters: filters.NewArgs(
		filters.Arg("service", service), filters.Arg("desired-state", "running"))})
	ts.Check(err)
	for _, t := range tasks {
		if t.Status.State == swarm.TaskStateRunning {
			if n := l.lab.NodeByID(t.NodeID); n != nil {
				return n
			}
		}
	}
	ts.Fatalf("no running task of %s", service)
	return nil
}

// labkill I: crashes lab node I; labstart I starts it again.
func (l *swarmLab) kill(ts *testscript.TestScript, neg bool, args []string) {
	n := l.node(ts, neg, args, "labkill")
	ts.Check(l.lab.Kill(n))
	ts.Setenv("KILLED_AT", strconv.FormatInt(time.Now().UnixNano(), 10))
}

func (l *swarmLab) start(ts *testscript.TestScript, neg bool, args []string) {
	n := l.node(ts, neg, args, "labstart")
	ts.Check(l.lab.Start(n))
	for deadline := time.Now().Add(90 * time.Second); time.Now().Before(deadline); time.Sleep(500 * time.Millisecond) {
		if sn, _, err := l.lab.Manager.NodeInspectWithRaw(context.Background(), n.ID); err == nil && sn.Status.State == swarm.NodeStateReady {
			return
		}
	}
	ts.Fatalf("node %d is not Ready 90s after its start", n.Index)
}

func (l *swarmLab) node(ts *testscript.TestScript, neg bool, args []string, name string) *swarmtest.Node {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: %s NODE", name)
	}
	i, err := strconv.Atoi(args[0])
	ts.Check(err)
	if i < 1 || i > len(l.lab.Nodes) {
		ts.Fatalf("%s: node %d of %d", name, i, len(l.lab.Nodes))
	}
	return l.lab.Nodes[i-1]
}

// labempty PROJECT: nothing of the project is left on any node: no
// service, secret or config on the manager; no network, container or
// volume on any node.
func (l *swarmLab) empty(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: labempty PROJECT")
	}
	ctx := context.Background()
	byProject := filters.NewArgs(filters.Arg("label", "io.berth.project="+args[0]))
	byStack := filters.NewArgs(filters.Arg("label", "com.docker.stack.namespace="+args[0]))
	var left []string
	m := l.lab.Manager
	if s, err := m.ServiceList(ctx, swarm.ServiceListOptions{Filters: byProject}); err != nil || len(s) > 0 {
		left = append(left, fmt.Sprintf("%d services %v", len(s), err))
	}
	if s, err := m.SecretList(ctx, swarm.SecretListOptions{Filters: byProject}); err != nil || len(s) > 0 {
		left = append(left, fmt.Sprintf("%d secrets %v", len(s), err))
	}
	if s, err := m.ConfigList(ctx, swarm.ConfigListOptions{Filters: byProject}); err != nil || len(s) > 0 {
		left = append(left, fmt.Sprintf("%d configs %v", len(s), err))
	}
	for _, n := range l.lab.Nodes {
		if s, err := n.Client.NetworkList(ctx, network.ListOptions{Filters: byProject}); err != nil || len(s) > 0 {
			left = append(left, fmt.Sprintf("node %d: %d networks %v", n.Index, len(s), err))
		}
		if s, err := n.Client.ContainerList(ctx, container.ListOptions{All: true, Filters: byStack}); err != nil || len(s) > 0 {
			left = append(left, fmt.Sprintf("node %d: %d containers %v", n.Index, len(s), err))
		}
		if s, err := n.Client.VolumeList(ctx, volume.ListOptions{Filters: byProject}); err != nil || len(s.Volumes) > 0 {
			left = append(left, fmt.Sprintf("node %d: %d volumes %v", n.Index, len(s.Volumes), err))
		}
	}
	if len(left) > 0 {
		ts.Fatalf("left of %s: %s", args[0], strings.Join(left, "; "))
	}
}

// watchrecovery DIR: runs `berth status --json DIR` every 250 ms after
// labkill until the status shows the loss, then the lost replicas
// rescheduled on the nodes left, then every service at its replicas,
// healthy.
// Prints the timeline; sets LOSS_SEEN, RESCHEDULED and RECOVERY (seconds
// since the kill).
func (l *swarmLab) watchRecovery(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: watchrecovery DIR")
	}
	at, err := strconv.ParseInt(ts.Getenv("KILLED_AT"), 10, 64)
	ts.Check(err)
	killed := time.Unix(0, at)
	var seen, moved, recovered float64
	last := ""
	for time.Since(killed) < 3*time.Minute && recovered == 0 {
		if err := ts.Exec("berth", "status", "--json", "--backend", "swarm", args[0]); err != nil {
			ts.Fatalf("berth status: %v", err)
		}
		line, st := swarmStatusLine(ts, ts.ReadFile("stdout"))
		now := time.Since(killed).Seconds()
		if line != last {
			fmt.Fprintf(ts.Stdout(), "%5.1fs %s\n", now, line)
			last = line
		}
		switch {
		case seen == 0 && st != swarmConverged:
			seen = now
		case seen == 0:
		case st == swarmConverged:
			recovered = now
			if moved == 0 {
				moved = now
			}
		case moved == 0 && st == swarmPlaced:
			moved = now
		}
		time.Sleep(250 * time.Millisecond)
	}
	if seen == 0 || recovered == 0 {
		ts.Fatalf("berth status never showed the loss and then the recovery (seen %.1fs, recovered %.1fs)", seen, recovered)
	}
	fmt.Fprintf(ts.Stdout(), "loss shown after %.1fs; lost replicas rescheduled after %.1fs; recovered after %.1fs\n", seen, moved, recovered)
	ts.Setenv("LOSS_SEEN", strconv.FormatFloat(seen, 'f', 1, 64))
	ts.Setenv("RESCHEDULED", strconv.FormatFloat(moved, 'f', 1, 64))
	ts.Setenv("RECOVERY", strconv.FormatFloat(recovered, 'f', 1, 64))
}

// What the services' statuses say, taken together.
const (
	swarmConverged = iota // every service runs its replicas
	swarmPlaced           // every replica has a task on a node that is up (assigned, preparing, starting or running)
	swarmDegraded         // some replica is lost with its node, or waits for a node (pending)
)

// swarmStatusLine condenses berth status --json to the statuses of the
// services that are not at their replicas, and their state together.
func swarmStatusLine(ts *testscript.TestScript, out string) (string, int) {
	var st struct {
		Resources []struct {
			Type, Name, Status string
			Attributes         map[string]any `json:"attributes"`
		} `json:"resources"`
	}
	ts.Check(json.Unmarshal([]byte(out), &st))
	var parts []string
	state := swarmConverged
	for _, r := range st.Resources {
		if r.Type != "service" {
			continue
		}
		n, _ := r.Attributes["replicas"].(float64)
		if s := serviceState(r.Status, int(n)); s != swarmConverged {
			state = max(state, s)
			parts = append(parts, r.Name+": "+r.Status)
		}
	}
	if state == swarmConverged {
		return "all services at their replicas", state
	}
	return strings.Join(parts, "; "), state
}

// serviceState reads one status, "1/2 running, 1 starting" (the update
// state, " (update rollback_completed)", tells of the last update only).
// Swarm has rescheduled a lost replica once its new task is assigned to a
// node; preparing and starting it is that node's work.
func serviceState(status string, replicas int) int {
	status, _, _ = strings.Cut(status, " (")
	parts := strings.Split(status, ", ")
	var running, total int
	fmt.Sscanf(parts[0], "%d/%d running", &running, &total)
	if total != replicas {
		return swarmDegraded
	}
	if len(parts) == 1 && running == replicas {
		return swarmConverged
	}
	placed := 0
	for _, p := range parts[1:] {
		var k int
		var what string
		fmt.Sscanf(p, "%d %s", &k, &what)
		switch what {
		case "assigned", "accepted", "preparing", "ready", "starting":
			placed += k
		default: // lost, new, allocated, pending
			return swarmDegraded
		}
	}
	if running+placed == replicas {
		return swarmPlaced
	}
	return swarmDegraded
}

// labstartup PROJECT: how long the lab took to start the containers of
// the project's running tasks, from each task's creation (the median is
// the lab's capacity.startup, which the spec cannot know); sets STARTUP.
func (l *swarmLab) startup(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: labstartup PROJECT")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s, err := l.lab.Startup(ctx, args[0])
	ts.Check(err)
	med := s[len(s)/2]
	fmt.Fprintf(ts.Stdout(), "container start-up over %d tasks: %.1f/%.1f/%.1fs (min/median/max)\n", len(s), s[0], med, s[len(s)-1])
	ts.Setenv("STARTUP", strconv.FormatFloat(med, 'f', 3, 64))
}

// simrecovery DIR SCENARIO [STARTUP]: the simulator's times from the
// scenario's node_down to swarm noticing it, to the last lost replica
// rescheduled, and to the last one healthy again, with every service
// starting in STARTUP seconds when given (labstartup); sets SIMDETECTED,
// SIMRESCHEDULED and SIMRECOVERY.
func (l *swarmLab) simRecovery(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 || len(args) > 3 {
		ts.Fatalf("usage: simrecovery DIR SCENARIO [STARTUP]")
	}
	spec, diags := lang.NewLoader().Load(ts.MkAbs(args[0]), lang.Options{})
	if diags.HasErrors() {
		ts.Fatalf("%s", diags.Error())
	}
	if len(args) == 3 {
		startup, err := strconv.ParseFloat(args[2], 64)
		ts.Check(err)
		spec = swarmtest.WithStartup(spec, startup)
	}
	r, diags := simulate.Run(spec, simulate.Options{Scenario: args[1], Seed: 1})
	if diags.HasErrors() {
		ts.Fatalf("%s", diags.Error())
	}
	down, detected, moved, back := -1.0, -1.0, -1.0, -1.0
	for _, ev := range r.Report.Events {
		switch {
		case ev.Kind == "node_down":
			down = ev.Time
		case down < 0:
		case ev.Kind == "node_detected":
			detected = ev.Time
		case ev.Kind == "rescheduled":
			moved = math.Max(moved, ev.Time)
			back = math.Max(back, ev.Time)
		case ev.Kind == "healthy":
			back = math.Max(back, ev.Time)
		}
	}
	if down < 0 || detected < 0 || moved < 0 {
		ts.Fatalf("the simulation shows no node_down, detection and rescheduling: %+v", r.Report.Events)
	}
	fmt.Fprintf(ts.Stdout(), "simulated: node down at %.1fs; detected %.1fs later; replicas rescheduled %.1fs later; recovered %.1fs later\n",
		down, detected-down, moved-down, back-down)
	ts.Setenv("SIMDETECTED", strconv.FormatFloat(detected-down, 'f', 1, 64))
	ts.Setenv("SIMRESCHEDULED", strconv.FormatFloat(moved-down, 'f', 1, 64))
	ts.Setenv("SIMRECOVERY", strconv.FormatFloat(back-down, 'f', 1, 64))
}

// lastbeat: after watchrecovery and simrecovery, moves the measured
// times back to the dead node's last heartbeat (swarmtest.LastHeartbeat:
// the simulator counts swarm's detection from the failure, swarm from that
// heartbeat, up to a period earlier), and fails if the loss showed where
// swarm's heartbeat cannot put it. Sets RESCHEDULED_BEAT and
// RECOVERY_BEAT.
func lastBeat(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 0 {
		ts.Fatalf("usage: lastbeat")
	}
	num := func(name string) float64 {
		f, err := strconv.ParseFloat(ts.Getenv(name), 64)
		if err != nil {
			ts.Fatalf("lastbeat needs $%s (watchrecovery, simrecovery): %v", name, err)
		}
		return f
	}
	// berth status runs every 250 ms and takes up to a second or two
	// on a loaded machine.
	beat, err := swarmtest.LastHeartbeat(num("LOSS_SEEN"), num("SIMDETECTED"), 2.5)
	ts.Check(err)
	moved, back := beat+num("RESCHEDULED"), beat+num("RECOVERY")
	fmt.Fprintf(ts.Stdout(), "the node's last heartbeat came about %.1fs before the kill: from it, rescheduled after %.1fs, recovered after %.1fs\n", beat, moved, back)
	ts.Setenv("RESCHEDULED_BEAT", strconv.FormatFloat(moved, 'f', 1, 64))
	ts.Setenv("RECOVERY_BEAT", strconv.FormatFloat(back, 'f', 1, 64))
}

// agree A B FRACTION: |A−B| ≤ FRACTION·B.
func swarmAgree(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 3 {
		ts.Fatalf("usage: agree A B FRACTION")
	}
	var v [3]float64
	for i, a := range args {
		f, err := strconv.ParseFloat(a, 64)
		ts.Check(err)
		v[i] = f
	}
	ok := math.Abs(v[0]-v[1]) <= v[2]*v[1]
	ts.Logf("%.1f vs %.1f: %.0f%% apart (bound %.0f%%)", v[0], v[1], 100*math.Abs(v[0]-v[1])/v[1], 100*v[2])
	if ok == neg {
		ts.Fatalf("%.1f and %.1f are %.0f%% apart (bound %.0f%%)", v[0], v[1], 100*math.Abs(v[0]-v[1])/v[1], 100*v[2])
	}
}

// swarmCondition: [overloaded] holds when the machine's load average is
// above 2 per core, when starting a container and its health probe takes
// many times longer than swarm's own reaction.
func swarmCondition(cond string) (bool, error) {
	if cond != "overloaded" {
		return false, fmt.Errorf("unknown condition %q", cond)
	}
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return false, nil
	}
	var load float64
	fmt.Sscanf(string(b), "%f", &load)
	return load > 2*float64(runtime.NumCPU()), nil
}

func TestSwarmServiceState(t *testing.T) {
	tests := []struct {
		status   string
		replicas int
		want     int
	}{
		{"2/2 running", 2, swarmConverged},
		{"2/2 running (update rollback_completed)", 2, swarmConverged},
		{"1/2 running, 1 starting", 2, swarmPlaced},
		{"1/2 running, 1 preparing (update rollback_completed)", 2, swarmPlaced},
		{"1/2 running", 2, swarmDegraded},
		{"1/2 running, 1 lost with node berthlab-n3 (down)", 2, swarmDegraded},
		{"1/2 running, 1 pending", 2, swarmDegraded},
		{"1/2 running, 1 waiting to start (rescheduled from node berthlab-n3)", 2, swarmDegraded}, // restart.delay
		{"1/2 running, 1 starting (rescheduled from node berthlab-n3)", 2, swarmPlaced},
		{"0/3 running, 2 starting", 3, swarmDegraded},
		{"3/2 running", 2, swarmDegraded},
		// why replicas do not run (backends/swarm status.go)
		{"2/3 running, 1 pending: no suitable node (max replicas per node limit exceed; 1 node not available for new tasks)", 3, swarmDegraded},
		{"1/2 running, 1 starting, last failure: task: non-zero exit (2): dockerexec: unhealthy container (replica 2 on berthlab-n1)", 2, swarmDegraded},
	}
	for _, tt := range tests {
		if got := serviceState(tt.status, tt.replicas); got != tt.want {
			t.Errorf("serviceState(%q, %d) = %d, want %d", tt.status, tt.replicas, got, tt.want)
		}
	}
}
