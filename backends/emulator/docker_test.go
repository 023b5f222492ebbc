package emulator

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/filters"
	"github.com/docker/docker/api/types/network"
	"github.com/docker/docker/client"
	"github.com/docker/go-connections/nat"

	"github.com/berth-dev/berth/backends/dockertest"
	"github.com/berth-dev/berth/lang"
)

// testLabel marks what these tests create, with a value unique per test.
const testLabel = "io.berth.test"

func ensureImage(t *testing.T, cli *client.Client) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	ref, err := EnsureImage(ctx, cli)
	if err != nil {
		t.Fatal(err)
	}
	return ref
}

func TestEnsureImageIsFromScratch(t *testing.T) {
	if testing.Short() {
		t.Skip("builds berth")
	}
	cli := dockertest.Client(t)
	ref := ensureImage(t, cli)
	ctx := context.Background()
	img, err := cli.ImageInspect(ctx, ref)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(img.RootFS.Layers); n != 1 {
		t.Errorf("%s has %d layers; want 1 (FROM scratch + the binary)", ref, n)
	}
	if !slices.Equal(img.Config.Entrypoint, Entrypoint) || img.Config.Labels[LabelImage] == "" || img.Os != "linux" {
		t.Errorf("entrypoint %v labels %v os %s", img.Config.Entrypoint, img.Config.Labels, img.Os)
	}
	// The second call finds the tag and builds nothing.
	start := time.Now()
	again := ensureImage(t, cli)
	if again != ref || time.Since(start) > 2*time.Second {
		t.Errorf("second EnsureImage: %s in %v", again, time.Since(start))
	}
	if img2, _ := cli.ImageInspect(ctx, ref); img2.ID != img.ID {
		t.Error("the image was rebuilt")
	}
}

// TestEmulatorInContainers runs a gateway and two backend replicas on a
// network of their own; the gateway finds both by the alias "backend".
func TestEmulatorInContainers(t *testing.T) {
	if testing.Short() {
		t.Skip("builds berth")
	}
	cli := dockertest.Client(t)
	ref := ensureImage(t, cli)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	id := uniqueID(t)
	t.Cleanup(func() { removeLabelled(t, cli, id) })

	netName := "berth-emu-" + id
	if _, err := cli.NetworkCreate(ctx, netName, network.CreateOptions{Driver: "bridge", Labels: map[string]string{testLabel: id}}); err != nil {
		t.Fatal(err)
	}
	gw := service("gateway", 8, 8, 0, endpoint("list", par(call("backend"), call("backend"))))
	gw.Ports = []lang.Port{{Target: 8080, HostIP: "127.0.0.1"}}
	spec := testSpec(gw, service("backend", 8, 8, 5*time.Millisecond, endpoint("get")))
	addLink(spec, &lang.Link{From: "gateway", To: "backend", Timeout: 2 * time.Second, LoadBalancing: lang.LBRoundRobin})

	var gwID string
	for _, c := range []struct{ svc, host string }{{"backend", "backend-1"}, {"backend", "backend-2"}, {"gateway", "gateway-1"}} {
		cid := runEmulated(ctx, t, cli, ref, spec, c.svc, c.host, netName, id)
		if c.svc == "gateway" {
			gwID = cid
		}
	}
	for _, h := range []string{"backend-1", "backend-2", "gateway-1"} {
		waitHealthy(ctx, t, cli, "berth-emu-"+id+"-"+h)
	}
	insp, err := cli.ContainerInspect(ctx, gwID)
	if err != nil {
		t.Fatal(err)
	}
	port := insp.NetworkSettings.Ports["8080/tcp"][0].HostPort
	seen := map[string]bool{}
	for range 2 {
		r := getJSON(t, "http://127.0.0.1:"+port+"/list")
		if r.Service != "gateway" || r.Replica != "gateway-1" || len(r.Calls) != 2 {
			t.Fatalf("response %+v", r)
		}
		for _, c := range r.Calls {
			var b Response
			mustUnmarshal(t, c.Body, &b)
			if c.Status != 200 || b.Service != "backend" {
				t.Errorf("call %+v", c)
			}
			seen[b.Replica] = true
		}
	}
	if !seen["backend-1"] || !seen["backend-2"] {
		t.Errorf("replicas seen %v; want both, found by DNS and balanced round robin", seen)
	}
	// SIGTERM: a graceful stop, exit code 0.
	timeout := 10
	if err := cli.ContainerStop(ctx, gwID, container.StopOptions{Timeout: &timeout}); err != nil {
		t.Fatal(err)
	}
	if insp, _ := cli.ContainerInspect(ctx, gwID); insp.State.ExitCode != 0 {
		t.Errorf("gateway exited %d after SIGTERM", insp.State.ExitCode)
	}
}

func runEmulated(ctx context.Context, t *testing.T, cli *client.Client, ref string, spec *lang.Spec, svc, host, netName, id string) string {
	t.Helper()
	cmd, env, port, err := ContainerSpec(spec, svc)
	if err != nil {
		t.Fatal(err)
	}
	cport := nat.Port(strconv.Itoa(port) + "/tcp")
	cfg := &container.Config{
		Image: ref, Cmd: cmd, Env: env, Hostname: host,
		Labels:       map[string]string{testLabel: id},
		ExposedPorts: nat.PortSet{cport: {}},
		Healthcheck:  &container.HealthConfig{Test: HealthcheckTest(port), Interval: 300 * time.Millisecond, Timeout: time.Second, Retries: 3},
	}
	hc := &container.HostConfig{}
	if svc == "gateway" {
		hc.PortBindings = nat.PortMap{cport: {{HostIP: "127.0.0.1", HostPort: "0"}}}
	}
	nc := &network.NetworkingConfig{EndpointsConfig: map[string]*network.EndpointSettings{netName: {Aliases: []string{svc}}}}
	c, err := cli.ContainerCreate(ctx, cfg, hc, nc, nil, "berth-emu-"+id+"-"+host)
	if err != nil {
		t.Fatal(err)
	}
	if err := cli.ContainerStart(ctx, c.ID, container.StartOptions{}); err != nil {
		t.Fatal(err)
	}
	return c.ID
}

func waitHealthy(ctx context.Context, t *testing.T, cli *client.Client, name string) {
	t.Helper()
	for range 100 {
		insp, err := cli.ContainerInspect(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		if insp.State.Health != nil && insp.State.Health.Status == "healthy" {
			return
		}
		if !insp.State.Running {
			t.Fatalf("%s exited with %d", name, insp.State.ExitCode)
		}
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("%s never became healthy", name)
}

func getJSON(t *testing.T, url string) Response {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: %d %s", url, resp.StatusCode, body)
	}
	var r Response
	mustUnmarshal(t, body, &r)
	return r
}

func uniqueID(t *testing.T) string {
	b := make([]byte, 4)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// removeLabelled removes the containers and networks labelled with id.
func removeLabelled(t *testing.T, cli *client.Client, id string) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	f := filters.NewArgs(filters.Arg("label", fmt.Sprintf("%s=%s", testLabel, id)))
	cs, err := cli.ContainerList(ctx, container.ListOptions{All: true, Filters: f})
	if err != nil {
		t.Error(err)
	}
	for _, c := range cs {
		if err := cli.ContainerRemove(ctx, c.ID, container.RemoveOptions{Force: true}); err != nil {
			t.Error(err)
		}
	}
	ns, err := cli.NetworkList(ctx, network.ListOptions{Filters: f})
	if err != nil {
		t.Error(err)
	}
	for _, n := range ns {
		if err := cli.NetworkRemove(ctx, n.ID); err != nil {
			t.Error(err)
		}
	}
}
