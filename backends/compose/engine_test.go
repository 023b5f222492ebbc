package compose

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/filters"
	"github.com/docker/docker/api/types/network"
	"github.com/docker/docker/api/types/volume"
	"github.com/docker/docker/client"
	"github.com/google/go-cmp/cmp"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/dockertest"
	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

// testSpec is a small project: api (2 replicas, a secret) behind gateway
// (published on 127.0.0.1:port, a health check), on an edge and an
// internal backend network.
func testSpec(project, dir, image string, port int) *lang.Spec {
	return &lang.Spec{
		Project: project, Dir: dir, Backend: "compose",
		Networks: map[string]*lang.Network{
			"edge":    {Name: "edge"},
			"backend": {Name: "backend", Internal: true},
		},
		Secrets: map[string]*lang.Secret{"jwt": {Name: "jwt", File: "jwt.pem", Path: filepath.Join(dir, "jwt.pem")}},
		Services: map[string]*lang.Service{
			"api": {
				Name: "api", Image: image, Replicas: 2, Networks: []string{"backend"},
				Env: map[string]string{"MODE": "a"}, Secrets: []string{"jwt"},
			},
			"gateway": {
				Name: "gateway", Image: image, Replicas: 1, Networks: []string{"edge", "backend"},
				Ports:     []lang.Port{{Published: port, Target: 8080, HostIP: "127.0.0.1"}},
				Env:       map[string]string{"MODE": "a"},
				Health:    &lang.Health{Cmd: []string{"/app", "--probe", "http://127.0.0.1:8080/healthz"}, Interval: 300 * time.Millisecond, Timeout: time.Second, Retries: 3},
				DependsOn: []string{"api"},
				Resources: lang.Resources{Memory: 64 << 20},
			},
		},
	}
}

func TestEngineLifecycle(t *testing.T) {
	cli := dockertest.Client(t)
	v1, v2 := testImage(t, cli)
	project := testProject(t, cli)
	dir := t.TempDir()
	secretValue := "s3cr3t-" + randHex(8)
	writeFile(t, filepath.Join(dir, "jwt.pem"), secretValue)
	port := freePort(t)
	spec := testSpec(project, dir, v1, port)
	b := New(cli)
	tg := &Target{}
	ctx := context.Background()

	first := apply(t, b, tg, spec)
	if add, _, _ := first.Counts(); add != 6 { // 2 networks, 1 secret, 3 containers
		t.Errorf("first plan adds %d, want 6:\n%s", add, first)
	}

	t.Run("objects carry the labels", func(t *testing.T) {
		ids := containerIDs(t, cli, project)
		for _, name := range []string{project + "-api-1", project + "-api-2", project + "-gateway-1"} {
			if ids[name] == "" {
				t.Fatalf("no container %s; have %v", name, ids)
			}
			ins, err := cli.ContainerInspect(ctx, ids[name])
			if err != nil {
				t.Fatal(err)
			}
			l := ins.Config.Labels
			for k, want := range map[string]string{
				backends.LabelProject: project, backends.ComposeProject: project,
				backends.ComposeOneoff: "False",
			} {
				if l[k] != want {
					t.Errorf("%s: label %s = %q, want %q", name, k, l[k], want)
				}
			}
			for _, k := range []string{backends.LabelResource, backends.LabelConfigHash, backends.ComposeService, backends.ComposeContainerNumber, backends.ComposeConfigHash} {
				if l[k] == "" {
					t.Errorf("%s: no label %s", name, k)
				}
			}
		}
		n, err := cli.NetworkInspect(ctx, NetworkName(project, "backend"), network.InspectOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if !n.Internal || n.Labels[backends.LabelProject] != project {
			t.Errorf("network backend: internal=%v labels=%v", n.Internal, n.Labels)
		}
	})

	t.Run("the gateway answers on 127.0.0.1 with its env", func(t *testing.T) {
		body := httpGet(t, fmt.Sprintf("http://127.0.0.1:%d/", port))
		if !strings.Contains(body, `"MODE":"a"`) {
			t.Errorf("gateway answered %s", body)
		}
	})

	t.Run("the secret is a read-only 0444 file mount in a 0700 directory", func(t *testing.T) {
		ins, _ := cli.ContainerInspect(ctx, containerIDs(t, cli, project)[project+"-api-1"])
		var found bool
		for _, m := range ins.Mounts {
			if m.Destination == "/run/secrets/jwt" {
				found = true
				if m.RW {
					t.Errorf("secret mount is writable: %+v", m)
				}
				st, err := os.Stat(m.Source)
				if err != nil || st.Mode().Perm() != 0o444 {
					t.Errorf("secret file %s: %v %v", m.Source, st.Mode(), err)
				}
				if st, err := os.Stat(filepath.Dir(m.Source)); err != nil || st.Mode().Perm() != 0o700 {
					t.Errorf("secret directory %s: %v %v; want 0700, which keeps the machine's other users out", filepath.Dir(m.Source), st.Mode(), err)
				}
			}
		}
		if !found {
			t.Errorf("no /run/secrets/jwt mount in %+v", ins.Mounts)
		}
	})

	t.Run("applying twice: the second plan is empty", func(t *testing.T) {
		p, _ := plan(t, b, tg, spec)
		if !p.Empty() {
			t.Fatalf("second plan is not empty:\n%s", p)
		}
	})

	t.Run("docker-compose ps lists the containers", func(t *testing.T) {
		if _, err := exec.LookPath("docker-compose"); err != nil {
			t.Skip("docker-compose is not installed")
		}
		// docker-compose 1.29 wants a file naming the services: berth's
		// export of the same spec.
		_, d := plan(t, b, tg, spec)
		data, _, err := Export(spec, d)
		if err != nil {
			t.Fatal(err)
		}
		file := filepath.Join(t.TempDir(), "compose.yaml")
		writeFile(t, file, string(data))
		out, err := exec.Command("docker-compose", "-p", project, "-f", file, "ps").CombinedOutput()
		if err != nil {
			t.Fatalf("docker-compose ps: %v\n%s", err, out)
		}
		for _, name := range []string{project + "-api-1", project + "-api-2", project + "-gateway-1"} {
			if !strings.Contains(string(out), name) {
				t.Errorf("docker-compose ps does not list %s:\n%s", name, out)
			}
		}
	})

	t.Run("image, env and replicas: exactly those diffs", func(t *testing.T) {
		before := containerIDs(t, cli, project)
		spec.Services["api"].Image = v2
		spec.Services["api"].Replicas = 3
		spec.Services["gateway"].Env = map[string]string{"MODE": "b"}
		p, _ := plan(t, b, tg, spec)
		want := fmt.Sprintf(`container.api[1]: replace
  image: %[1]q → %[2]q
container.api[2]: replace
  image: %[1]q → %[2]q
container.api[3]: create
  replicas: 2 → 3 (scale up)
container.gateway[1]: replace
  env.MODE: "a" → "b"
`, v1, v2)
		if diff := cmp.Diff(want, changesOnly(p.String())); diff != "" {
			t.Fatalf("plan (-want +got):\n%s\n%s", diff, p)
		}
		apply(t, b, tg, spec)
		after := containerIDs(t, cli, project)
		for _, n := range []string{"api-1", "api-2", "gateway-1"} {
			if after[project+"-"+n] == before[project+"-"+n] {
				t.Errorf("%s was not recreated", n)
			}
		}
	})

	t.Run("scaling down recreates nothing", func(t *testing.T) {
		before := containerIDs(t, cli, project)
		spec.Services["api"].Replicas = 2
		p := apply(t, b, tg, spec)
		if got := changesOnly(p.String()); got != "container.api[3]: delete\n  replicas: 3 → 2 (scale down)\n" {
			t.Errorf("plan:\n%s", p)
		}
		after := containerIDs(t, cli, project)
		if len(after) != 3 || after[project+"-api-1"] != before[project+"-api-1"] || after[project+"-api-2"] != before[project+"-api-2"] {
			t.Errorf("containers before %v, after %v", before, after)
		}
	})

	t.Run("memory changes in place", func(t *testing.T) {
		before := containerIDs(t, cli, project)[project+"-gateway-1"]
		spec.Services["gateway"].Resources.Memory = 96 << 20
		p := apply(t, b, tg, spec)
		if got := changesOnly(p.String()); got != "container.gateway[1]: update\n  memory: 64MiB → 96MiB\n" {
			t.Errorf("plan:\n%s", p)
		}
		ins, _ := cli.ContainerInspect(ctx, before)
		if ins.HostConfig.Memory != 96<<20 {
			t.Errorf("memory = %d", ins.HostConfig.Memory)
		}
	})

	t.Run("drift made by hand shows and is repaired", func(t *testing.T) {
		ids := containerIDs(t, cli, project)
		// rm a container, disconnect one from a network, recreate one with other env
		must(t, cli.ContainerRemove(ctx, ids[project+"-api-1"], container.RemoveOptions{Force: true}))
		must(t, cli.NetworkDisconnect(ctx, NetworkName(project, "edge"), ids[project+"-gateway-1"], true))
		recreateWithEnv(t, cli, ids[project+"-api-2"], "MODE=hacked")
		must(t, cli.ContainerRename(ctx, ids[project+"-gateway-1"], project+"-gw-by-hand"))

		p, _ := plan(t, b, tg, spec)
		want := `container.api[1]: create
  replica 1 not found while replica 2 exists: removed outside berth [changed outside berth]
container.api[2]: replace
  env.MODE: "hacked" → "a" [changed outside berth]
container.gateway[1]: update
  name: "` + project + `-gw-by-hand" → "` + project + `-gateway-1" (renamed outside berth) [changed outside berth]
  networks: ["backend"] → ["backend", "edge"] [changed outside berth]
`
		if diff := cmp.Diff(want, changesOnly(p.String())); diff != "" {
			t.Fatalf("plan (-want +got):\n%s", diff)
		}
		if len(p.Drift) != 3 {
			t.Errorf("drift has %d entries, want 3", len(p.Drift))
		}
		apply(t, b, tg, spec)
		if p2, _ := plan(t, b, tg, spec); !p2.Empty() {
			t.Fatalf("after repair the plan is not empty:\n%s", p2)
		}
		httpGet(t, fmt.Sprintf("http://127.0.0.1:%d/healthz", port))
		if _, err := cli.ContainerInspect(ctx, project+"-gateway-1"); err != nil {
			t.Errorf("the renamed container has not its name back: %v", err)
		}
	})

	t.Run("the secret value is in no output, label or env", func(t *testing.T) {
		writeFile(t, filepath.Join(dir, "jwt.pem"), secretValue+"-rotated")
		p, _ := plan(t, b, tg, spec)
		if !strings.Contains(p.String(), "secret.jwt: replace\n  content: (sensitive) sha256:") {
			t.Errorf("rotation plan:\n%s", p)
		}
		var out strings.Builder
		out.WriteString(p.String())
		data, _ := json.Marshal(p.JSON())
		out.Write(data)
		planner.Render(&out, p.JSON(), planner.RenderOptions{})
		prog := backends.NewProgress(&out, false)
		_, d := plan(t, b, tg, spec)
		res, err := b.Apply(ctx, p, backends.ApplyOptions{Contents: d.Contents, Progress: prog, Wait: time.Minute})
		if err != nil || !res.OK() {
			t.Fatalf("apply: %v %+v", err, res)
		}
		obs, _ := b.Observe(ctx, project)
		data, _ = json.Marshal(obs)
		out.Write(data)
		for _, id := range containerIDs(t, cli, project) {
			ins, _ := cli.ContainerInspect(ctx, id)
			data, _ := json.Marshal(ins)
			out.Write(data)
		}
		if strings.Contains(out.String(), secretValue) {
			t.Errorf("the secret value leaked:\n%s", out.String())
		}
		// The old version's file is gone, the new one is there.
		files, _ := os.ReadDir(filepath.Dir(FilePath(project, TypeSecret, "jwt", "x")))
		if len(files) != 1 {
			t.Errorf("secret files after rotation: %v", files)
		}
		checkRotated(t, cli, containerIDs(t, cli, project)[project+"-api-1"])
	})

	t.Run("destroy leaves nothing with the project label", func(t *testing.T) {
		obs, err := b.Observe(ctx, project)
		if err != nil {
			t.Fatal(err)
		}
		p, err := planner.Reconcile("compose", Schema, nil, obs)
		if err != nil {
			t.Fatal(err)
		}
		p.Project = project
		res, err := b.Apply(ctx, p, backends.ApplyOptions{})
		if err != nil || !res.OK() {
			t.Fatalf("destroy: %v %+v", err, res)
		}
		f := filters.NewArgs(filters.Arg("label", backends.ProjectFilter(project)))
		cs, _ := cli.ContainerList(ctx, container.ListOptions{All: true, Filters: f})
		ns, _ := cli.NetworkList(ctx, network.ListOptions{Filters: f})
		vs, _ := cli.VolumeList(ctx, volume.ListOptions{Filters: f})
		if len(cs)+len(ns)+len(vs.Volumes) != 0 {
			t.Errorf("left: %d containers, %d networks, %d volumes", len(cs), len(ns), len(vs.Volumes))
		}
		if _, err := os.Stat(backends.ProjectDir(project)); !os.IsNotExist(err) {
			t.Errorf("project state dir left: %v", err)
		}
	})
}

// changesOnly drops the step lines of a plan's String.
func changesOnly(s string) string {
	var b strings.Builder
	for _, l := range strings.SplitAfter(s, "\n") {
		if !strings.HasPrefix(l, "#") {
			b.WriteString(l)
		}
	}
	return b.String()
}

// recreateWithEnv replaces a container by a copy (labels included) with one
// env entry changed, the way someone would by hand.
func recreateWithEnv(t *testing.T, cli *client.Client, id, kv string) {
	t.Helper()
	ctx := context.Background()
	ins, err := cli.ContainerInspect(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	k, _, _ := strings.Cut(kv, "=")
	var env []string
	for _, e := range ins.Config.Env {
		if !strings.HasPrefix(e, k+"=") {
			env = append(env, e)
		}
	}
	ins.Config.Env = append(env, kv)
	must(t, cli.ContainerRemove(ctx, id, container.RemoveOptions{Force: true}))
	nc := &network.NetworkingConfig{EndpointsConfig: map[string]*network.EndpointSettings{}}
	for n := range ins.NetworkSettings.Networks {
		nc.EndpointsConfig[n] = &network.EndpointSettings{}
	}
	created, err := cli.ContainerCreate(ctx, ins.Config, ins.HostConfig, nc, nil, strings.TrimPrefix(ins.Name, "/"))
	if err != nil {
		t.Fatal(err)
	}
	must(t, cli.ContainerStart(ctx, created.ID, container.StartOptions{}))
}

// checkRotated reads the mounted secret of a container through the
// engine's archive API, to check it is the rotated value.
func checkRotated(t *testing.T, cli *client.Client, id string) {
	t.Helper()
	rc, _, err := cli.CopyFromContainer(context.Background(), id, "/run/secrets/jwt")
	if err != nil {
		t.Fatalf("copy /run/secrets/jwt: %v", err)
	}
	defer rc.Close()
	data, _ := io.ReadAll(rc)
	if !strings.Contains(string(data), "-rotated") {
		t.Errorf("the container does not see the rotated secret")
	}
}

func httpGet(t *testing.T, url string) string {
	t.Helper()
	var last error
	for i := 0; i < 50; i++ {
		resp, err := http.Get(url)
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return string(body)
			}
			err = fmt.Errorf("status %d: %s", resp.StatusCode, body)
		}
		last = err
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("GET %s: %v", url, last)
	return ""
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func randHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}
