package swarm

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/filters"
	"github.com/docker/docker/api/types/network"
	"github.com/docker/docker/api/types/swarm"
	"github.com/docker/docker/api/types/volume"
	"github.com/docker/docker/client"

	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/emulator"
	"github.com/berth-dev/berth/backends/swarm/swarmtest"
	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

// labEnv is a backend on the lab's manager that knows every node.
type labEnv struct {
	t   testing.TB
	lab *swarmtest.Lab
	b   *Backend
	out bytes.Buffer
}

func newLabEnv(t testing.TB) *labEnv {
	lab := swarmtest.Get(t)
	e := &labEnv{t: t, lab: lab}
	var nodes []*client.Client
	for _, n := range lab.Nodes {
		nodes = append(nodes, n.Client)
	}
	// The backend closes its clients; give it its own.
	mgr, err := swarmtest.NewClient(lab.ManagerHost)
	if err != nil {
		t.Fatal(err)
	}
	e.b = New(mgr, nil)
	e.b.nodes = nodes
	e.b.EnsureEmulatorImage = emulator.EnsureImage
	return e
}

func (e *labEnv) load(dir string) *lang.Spec {
	e.t.Helper()
	spec, diags := lang.NewLoader().Load(dir, lang.Options{})
	if diags.HasErrors() {
		e.t.Fatal(diags.Error())
	}
	return spec
}

// fresh loads the spec in dir as project, removes what an earlier run of
// the project left, and removes the project when the test ends.
func (e *labEnv) fresh(project, dir string) *lang.Spec {
	e.t.Helper()
	spec := e.load(dir)
	spec.Project = project
	e.destroy(project)
	e.t.Cleanup(func() { e.destroy(project) })
	return spec
}

// plan plans spec (nil: destroy project) against the swarm.
func (e *labEnv) plan(ctx context.Context, project string, spec *lang.Spec, emulate bool) (*planner.Plan, *planner.Desired) {
	e.t.Helper()
	obs, err := e.b.Observe(ctx, project)
	if err != nil {
		e.t.Fatal(err)
	}
	if spec == nil {
		p, err := planner.Reconcile("swarm", (&Target{}).Schema, nil, obs)
		if err != nil {
			e.t.Fatal(err)
		}
		p.Project = project
		return p, &planner.Desired{Project: project}
	}
	tgt, err := e.b.Target(ctx, backends.TargetOptions{Emulate: emulate, NeedEmulator: backends.NeedsEmulator(spec, emulate), Registry: spec.Registry})
	if err != nil {
		e.t.Fatal(err)
	}
	p, d, diags := planner.Make(tgt, spec, obs)
	if diags.HasErrors() {
		e.t.Fatal(diags.Error())
	}
	return p, d
}

func (e *labEnv) apply(ctx context.Context, p *planner.Plan, d *planner.Desired) *backends.Result {
	e.t.Helper()
	e.out.Reset()
	res, err := e.b.Apply(ctx, p, backends.ApplyOptions{
		Contents: d.Contents, Progress: backends.NewProgress(&e.out, false), Wait: 2 * time.Minute,
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return res
}

// destroy removes the project and checks that nothing of it is left on
// any node.
func (e *labEnv) destroy(project string) {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	p, d := e.plan(ctx, project, nil, false)
	if res := e.apply(ctx, p, d); !res.OK() {
		e.t.Fatalf("destroy: %+v\n%s", res.Failed, e.out.String())
	}
	if left := e.leftovers(ctx, project); left != "" {
		e.t.Errorf("after destroy: %s", left)
	}
}

// leftovers lists what of the project is still anywhere in the lab.
func (e *labEnv) leftovers(ctx context.Context, project string) string {
	f := filters.NewArgs(filters.Arg("label", LabelProject+"="+project))
	sf := filters.NewArgs(filters.Arg("label", LabelStack+"="+project))
	var out string
	m := e.lab.Manager
	if s, _ := m.ServiceList(ctx, swarm.ServiceListOptions{Filters: f}); len(s) > 0 {
		out += fmt.Sprintf("%d services; ", len(s))
	}
	if s, _ := m.SecretList(ctx, swarm.SecretListOptions{Filters: f}); len(s) > 0 {
		out += fmt.Sprintf("%d secrets; ", len(s))
	}
	if s, _ := m.ConfigList(ctx, swarm.ConfigListOptions{Filters: f}); len(s) > 0 {
		out += fmt.Sprintf("%d configs; ", len(s))
	}
	for _, n := range e.lab.Nodes {
		if s, _ := n.Client.NetworkList(ctx, network.ListOptions{Filters: f}); len(s) > 0 {
			out += fmt.Sprintf("node %d: %d networks; ", n.Index, len(s))
		}
		if s, _ := n.Client.ContainerList(ctx, container.ListOptions{All: true, Filters: sf}); len(s) > 0 {
			out += fmt.Sprintf("node %d: %d containers; ", n.Index, len(s))
		}
		if s, _ := n.Client.VolumeList(ctx, volume.ListOptions{Filters: f}); len(s.Volumes) > 0 {
			out += fmt.Sprintf("node %d: %d volumes; ", n.Index, len(s.Volumes))
		}
	}
	return out
}

// get sends GET path to 127.0.0.1:port inside the node's namespace.
func get(ctx context.Context, n *swarmtest.Node, port int, path string) (int, []byte, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://127.0.0.1"+path, nil)
	resp, err := n.HTTPClient(port, 5*time.Second).Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

// TestLabApplyBasic: from nothing to converged, a request through the
// published port that the caller answers with its callee's help, an
// empty plan after, and a destroy that leaves nothing on any node.
func TestLabApplyBasic(t *testing.T) {
	e := newLabEnv(t)
	const project = "swbasic"
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	spec := e.load("testdata/lab-basic")
	e.destroy(project) // a previous run's leftovers
	t.Cleanup(func() { e.destroy(project) })

	p, d := e.plan(ctx, project, spec, false)
	res := e.apply(ctx, p, d)
	if !res.OK() {
		t.Fatalf("apply: failed %v, not started %d\n%s", res.Failed, len(res.NotStarted), e.out.String())
	}
	t.Logf("apply took %s\n%s", res.Elapsed, e.out.String())

	if again, _ := e.plan(ctx, project, spec, false); !again.Empty() {
		t.Errorf("plan after apply is not empty:\n%s", again)
	}

	// The emulator image runs by its id, so no node asks a registry for
	// it at a task start; the label keeps its name.
	svc, _, err := e.lab.Manager.ServiceInspectWithRaw(ctx, objectName(project, "api"), swarm.ServiceInspectOptions{})
	if err != nil {
		t.Fatal(err)
	}
	asked := svc.Spec.Labels[LabelStackImage]
	img, err := e.lab.Manager.ImageInspect(ctx, asked)
	if err != nil {
		t.Fatal(err)
	}
	if running := svc.Spec.TaskTemplate.ContainerSpec.Image; running != img.ID || !strings.HasPrefix(asked, "berth-emulator:") {
		t.Errorf("api runs %s (label %s), want the id %s of %s", running, asked, img.ID, asked)
	}

	// Each api replica runs on its own node (max_replicas_per_node = 1)
	// and answers on that node's 127.0.0.1.
	tasks, err := e.lab.Manager.TaskList(ctx, swarm.TaskListOptions{Filters: filters.NewArgs(
		filters.Arg("service", objectName(project, "api")), filters.Arg("desired-state", "running"))})
	if err != nil {
		t.Fatal(err)
	}
	nodes := map[string]bool{}
	for _, tk := range tasks {
		nodes[tk.NodeID] = true
	}
	if len(tasks) != 2 || len(nodes) != 2 {
		t.Fatalf("api tasks: %d on %d nodes, want 2 on 2", len(tasks), len(nodes))
	}
	for id := range nodes {
		n := e.lab.NodeByID(id)
		code, body, err := get(ctx, n, 18081, "/get")
		if err != nil || code != 200 {
			t.Fatalf("GET /get on node %d: %d %v %s", n.Index, code, err, body)
		}
		var r emulator.Response
		if err := json.Unmarshal(body, &r); err != nil {
			t.Fatal(err)
		}
		if r.Service != "api" || len(r.Calls) != 1 || r.Calls[0].Service != "db" || r.Calls[0].Status != 200 {
			t.Errorf("node %d answered %s", n.Index, body)
		}
	}
}

func loadDir(t testing.TB, dir string) (*lang.Spec, hcl.Diagnostics) {
	t.Helper()
	spec, diags := lang.NewLoader().Load(dir, lang.Options{})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	return spec, diags
}

// waitStackGone waits until the manager lists no service, network,
// secret or config of the stack namespace.
func waitStackGone(t testing.TB, lab *swarmtest.Lab, project string) {
	f := filters.NewArgs(filters.Arg("label", LabelStack+"="+project))
	ctx := context.Background()
	for deadline := time.Now().Add(60 * time.Second); time.Now().Before(deadline); time.Sleep(500 * time.Millisecond) {
		s, _ := lab.Manager.ServiceList(ctx, swarm.ServiceListOptions{Filters: f})
		n, _ := lab.Manager.NetworkList(ctx, network.ListOptions{Filters: f})
		sec, _ := lab.Manager.SecretList(ctx, swarm.SecretListOptions{Filters: f})
		if len(s)+len(n)+len(sec) == 0 {
			return
		}
	}
	t.Errorf("stack %s still has objects after 60s", project)
}

// TestLabApplyWithANodeDown: a node engine that does not answer (its node
// is down, so swarm places no task there) is skipped with a warning when
// images are copied; the apply, such as a scale-up after a node loss,
// goes on.
func TestLabApplyWithANodeDown(t *testing.T) {
	e := newLabEnv(t)
	const project = "swnodedown"
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	spec := e.fresh(project, "testdata/lab-basic")

	live := e.b.nodes
	dead, err := swarmtest.NewClient("unix://" + t.TempDir() + "/gone.sock")
	if err != nil {
		t.Fatal(err)
	}
	e.b.nodes = append(append([]*client.Client(nil), live...), dead)
	defer func() { e.b.nodes = live }()
	p, d := e.plan(ctx, project, spec, false)
	res := e.apply(ctx, p, d)
	if !res.OK() {
		t.Fatalf("apply with a node down: failed %v\n%s", res.Failed, e.out.String())
	}
	if !strings.Contains(e.out.String(), "gone.sock does not answer") {
		t.Errorf("no warning about the node that does not answer:\n%s", e.out.String())
	}
}

// TestLabObserveSwarmObjectsOnly: a compose deployment of the same project
// on the manager's engine (a bridge network berth's compose backend made)
// is not the swarm project's: the plan neither deletes nor replaces it.
func TestLabObserveSwarmObjectsOnly(t *testing.T) {
	e := newLabEnv(t)
	const project = "swonlyswarm"
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	n, err := e.lab.Manager.NetworkCreate(ctx, project+"_default", network.CreateOptions{Driver: "bridge", Labels: map[string]string{
		LabelProject: project, LabelResource: "network.default", LabelBackend: "compose",
	}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.lab.Manager.NetworkRemove(context.Background(), n.ID) })
	obs, err := e.b.Observe(ctx, project)
	if err != nil {
		t.Fatal(err)
	}
	if len(obs.Resources) != 0 {
		t.Errorf("the swarm project observes the compose project's objects: %+v", obs.Resources[0])
	}
}
