package compose

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/berth-dev/berth/backends/dockertest"
	"github.com/berth-dev/berth/lang"
)

// genEngineSpec draws a random project for the real engine: networks
// (internal or not), a volume, a secret, and up to three services of the
// test image with replicas 0 to 2, env values Docker must carry back
// unchanged ("=", "$", spaces, newlines, non-ASCII), labels, a published
// port, a health check, limits, a restart policy, mounts and depends_on.
// image is the test image, v2 another tag of it; port the first of a free
// range of 30.
func genEngineSpec(t *rapid.T, dir, image, v2 string, port int) *lang.Spec {
	spec := &lang.Spec{Project: "p", Dir: dir, Backend: "compose",
		Networks: map[string]*lang.Network{}, Volumes: map[string]*lang.Volume{},
		Secrets: map[string]*lang.Secret{}, Services: map[string]*lang.Service{}}
	var nets []string
	for _, n := range rapid.SliceOfNDistinct(rapid.SampledFrom([]string{"edge", "backend"}), 0, 2, rapid.ID[string]).Draw(t, "nets") {
		spec.Networks[n] = &lang.Network{Name: n, Internal: rapid.Bool().Draw(t, "internal-"+n)}
		nets = append(nets, n)
	}
	if rapid.Bool().Draw(t, "volume") {
		spec.Volumes["data"] = &lang.Volume{Name: "data"}
	}
	if rapid.Bool().Draw(t, "secret") {
		spec.Secrets["jwt"] = &lang.Secret{Name: "jwt", File: "jwt.pem", Path: filepath.Join(dir, "jwt.pem")}
	}
	values := rapid.SampledFrom([]string{"", "1", "a=b", "$HOME ${X}", " lead and trail ", "multi\nline", "ünï", `q"uote'`})
	var names []string
	for i := 0; i < rapid.IntRange(1, 3).Draw(t, "nsvc"); i++ {
		name := fmt.Sprintf("s%d", i)
		svc := &lang.Service{
			Name:     name,
			Image:    rapid.SampledFrom([]string{image, v2}).Draw(t, "image-"+name),
			Replicas: rapid.IntRange(0, 2).Draw(t, "replicas-"+name),
			Env:      rapid.MapOfN(rapid.SampledFrom([]string{"A", "B", "LONG_NAME_1"}), values, 0, 3).Draw(t, "env-"+name),
			Labels:   rapid.MapOfN(rapid.SampledFrom([]string{"team", "x.y/z"}), values, 0, 2).Draw(t, "labels-"+name),
		}
		if len(nets) > 0 {
			svc.Networks = rapid.SliceOfNDistinct(rapid.SampledFrom(nets), 0, len(nets), rapid.ID[string]).Draw(t, "use-"+name)
		}
		if _, ok := spec.Secrets["jwt"]; ok && rapid.Bool().Draw(t, "usesecret-"+name) {
			svc.Secrets = []string{"jwt"}
		}
		if _, ok := spec.Volumes["data"]; ok && rapid.Bool().Draw(t, "usevolume-"+name) {
			svc.Mounts = []lang.Mount{{Volume: "data", Target: "/data", ReadOnly: rapid.Bool().Draw(t, "ro-"+name)}}
		}
		if rapid.Bool().Draw(t, "port-"+name) {
			svc.Ports = []lang.Port{{Published: port + 10*i, Target: 8080, HostIP: "127.0.0.1"}}
		}
		if rapid.Bool().Draw(t, "health-"+name) {
			svc.Health = &lang.Health{Cmd: []string{"/app", "--probe", "http://127.0.0.1:8080/healthz"},
				Interval: time.Second, Timeout: 20 * time.Second, Retries: 3}
		}
		svc.Resources.CPUs = rapid.SampledFrom([]float64{0, 0.25, 1}).Draw(t, "cpus-"+name)
		svc.Resources.Memory = lang.Size(rapid.IntRange(0, 2).Draw(t, "mem-"+name)) << 26
		svc.Restart.Condition = rapid.SampledFrom([]string{"", "on-failure", "none"}).Draw(t, "restart-"+name)
		if len(names) > 0 {
			svc.DependsOn = rapid.SliceOfNDistinct(rapid.SampledFrom(names), 0, 1, rapid.ID[string]).Draw(t, "deps-"+name)
		}
		spec.Services[name] = svc
		names = append(names, name)
	}
	return spec
}

// TestPropertyEngineApplyTwiceEmpty: on the real engine, over random
// specs and a random second spec applied over the first, each apply
// converges and the plan after it is empty: everything berth writes,
// the engine gives back as berth wrote it (no perpetual diff).
// BERTH_PROPERTY_RUNS sets the number of runs (default 2; each is two
// applies), BERTH_PROPERTY_SEED the first seed (logged, to replay one).
func TestPropertyEngineApplyTwiceEmpty(t *testing.T) {
	cli := dockertest.Client(t)
	v1, v2 := testImage(t, cli)
	runs, _ := strconv.Atoi(os.Getenv("BERTH_PROPERTY_RUNS"))
	if runs <= 0 {
		runs = 2
	}
	seed, err := strconv.Atoi(os.Getenv("BERTH_PROPERTY_SEED"))
	if err != nil {
		seed = int(time.Now().UnixNano() % 1e9)
	}
	for r := 0; r < runs; r++ {
		s := seed + r
		t.Run(fmt.Sprintf("seed=%d", s), func(t *testing.T) {
			project := testProject(t, cli)
			dir := t.TempDir()
			writeFile(t, filepath.Join(dir, "jwt.pem"), "v-"+strconv.Itoa(s))
			port := dockertest.FreePortRange(t, 30)
			b, tg := New(cli), &Target{}
			gen := rapid.Custom(func(rt *rapid.T) [2]*lang.Spec {
				return [2]*lang.Spec{genEngineSpec(rt, dir, v1, v2, port), genEngineSpec(rt, dir, v1, v2, port)}
			})
			specs := gen.Example(s)
			for i, spec := range specs {
				spec.Project = project
				if i == 1 {
					writeFile(t, filepath.Join(dir, "jwt.pem"), "w-"+strconv.Itoa(s)) // rotated
				}
				apply(t, b, tg, spec)
				if p, _ := plan(t, b, tg, spec); !p.Empty() {
					t.Fatalf("seed %d, spec %d: the plan after apply is not empty:\n%s", s, i+1, p)
				}
			}
		})
	}
}
