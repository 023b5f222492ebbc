package cli

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/filters"
	"github.com/docker/docker/client"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/dockertest"
	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/simulate"
	"github.com/berth-dev/berth/simulate/loadgen"
)

// chainSpec is a three-service chain of emulated services with exponential
// service times, the gateway published on 127.0.0.1:port. At 30 requests/s
// the bottleneck, products (two workers, exp(30ms)), is an M/M/2 queue at
// ρ = 0.45 (Erlang C: 28 % of requests wait, 7.6 ms on average); gateway
// and orders have workers to spare. Mean: 5 + 10 + 37.6 ≈ 53 ms, plus 4
// hops. (A single worker, M/M/1, amplifies every scheduling hiccup of a
// busy machine through 1/(1−ρ) and made the test measure the machine.)
const chainSpec = `berth {
  project = %q
}

service "gateway" {
  port {
    published = %d
    target    = 8080
    host_ip   = "127.0.0.1"
  }
  capacity {
    workers      = 16
    service_time = "exp(5ms)"
  }
  endpoint "page" {
    call "orders" {}
  }
}

service "orders" {
  capacity {
    workers      = 16
    service_time = "exp(10ms)"
  }
  endpoint "list" {
    call "products" {}
  }
}

service "products" {
  capacity {
    workers      = 2
    queue        = 1000
    service_time = "exp(30ms)"
  }
}

link "gateway" "orders" {
  timeout = "5s"
}

link "orders" "products" {
  timeout = "5s"
}

load "moderate" {
  entry    = service.gateway
  rate     = 30
  duration = "24s"
  warmup   = "2s"
}
`

// TestCompareOnEngine deploys the chain on the Docker engine, calibrates
// the hop latency there (--write puts it into the spec), compares a real
// load with the simulation, and destroys everything.
//
// What must agree, and how closely: the measured mean and p50 must lie
// within −20 % and +40 % of the simulation's (plus the client → entry
// round trip, which compare adds), once the simulation is told how the
// machine ran during the measurement.
//   - Modelled once calibrated: 4 hops per request (hop_latency), and the
//     round trip.
//   - Sampling: about 630 measured requests, whose latency has a standard
//     deviation near its mean, put about ±4 % (1σ) on the measured mean and
//     p50, and the simulation of the same 22 s as much again: ±5.5 % for
//     the difference. −20 % is 3.5σ: the stack cannot be faster than the
//     model by more than chance.
//   - The machine: the emulator's work is a sleep, and every step of a
//     request (the published port's proxy, each HTTP read, each sleep, each
//     call) is a wake-up. On this shared 2-core machine (load averages of
//     20–60, other engineers' containers in the engine's cgroup) those wake
//     late, from one minute to the next, and no model of the spec can know
//     it. So the test measures the machine in the engine while compare runs:
//     calibrate leaves its probe up, and a goroutine times the probe's 5 ms
//     of work and its 8-call chain every 20 ms. The measurement is compared
//     with a second simulation whose service times are that many times
//     longer and whose hops cost what the probe saw, which also carries the
//     extra queueing that slower work causes at products. The probe, timed
//     one request at a time, still sees less delay than a stack whose
//     threads sleep between arrivals: in 8 runs at load averages of 17–57
//     the measured mean ran −1 % to +31 % above that simulation and the p50
//     −3 % to +36 % (+21 % to +57 % above the plain simulation), hence
//     +40 %. At load averages under 16 both agreed within 15 %.
//   - The probe's slowdown is itself noisy, and can overstate the stack's:
//     beside two CPU burners and three other test packages (load average
//     17) it took its work 1.46× as long, and the measured mean and p50
//     ran −25 % and −20 % below the simulation so slowed (+31 % and +38 %
//     above the plain one). So the lower bound is −20 % of the plain
//     simulation or of the slowed one, whichever is lower: the stack can
//     be spared the slowdown the probe saw, never faster than the model.
//     Likewise the upper bound is +40 % of the higher of the two (a probe
//     that saw its work 0.89× as long slowed nothing).
//   - When the probe shows the engine saturated (its work 1.5× as long, or
//     a hop 5× its calibrated cost) latencies mean nothing, and the test
//     skips, saying so.
func TestCompareOnEngine(t *testing.T) {
	if testing.Short() {
		t.Skip("deploys containers")
	}
	cli := dockertest.Client(t)
	project := "btcmp" + randomHex(4)
	t.Setenv(backends.EnvStateDir, t.TempDir())
	t.Cleanup(func() {
		removeProjectObjects(project)
		removeProjectObjects(project + "-calibrate")
	})
	port, err := freeLoopbackPort()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "chain")
	os.MkdirAll(dir, 0o755)
	specFile := filepath.Join(dir, "main.berth.hcl")
	if err := os.WriteFile(specFile, fmt.Appendf(nil, chainSpec, project, port), 0o644); err != nil {
		t.Fatal(err)
	}

	berth(t, 0, "apply", "--auto-approve", dir)
	defer func() {
		berth(t, 0, "destroy", "--auto-approve", dir)
		if n := countByLabel(t, cli, project) + countByLabel(t, cli, project+"-calibrate"); n != 0 {
			t.Errorf("%d containers left with the projects' labels", n)
		}
	}()

	var cal struct {
		HopLatency    string  `json:"hop_latency"`
		Hop           float64 `json:"hop"` // seconds
		RoundTrip     float64 `json:"round_trip"`
		WorkOvershoot float64 `json:"work_overshoot"`
		Written       string  `json:"written"`
		Target        string  `json:"target"`
		Project       string  `json:"project"`
	}
	decode(t, berth(t, 0, "calibrate", dir, "--samples", "150", "--write", "--keep", "--json"), &cal)
	defer berth(t, 0, "destroy", "--auto-approve", "--project", cal.Project)
	t.Logf("calibrated: hop %gs (%s), client round trip %gs, work overshoot %gs", cal.Hop, cal.HopLatency, cal.RoundTrip, cal.WorkOvershoot)
	src, _ := os.ReadFile(specFile)
	if cal.Written != specFile || !strings.Contains(string(src), fmt.Sprintf("hop_latency = %q", cal.HopLatency)) {
		t.Fatalf("calibrate --write wrote %q; the spec is now:\n%s", cal.Written, src)
	}
	if cal.Hop <= 0 || cal.Hop > 0.020 {
		t.Errorf("hop latency %gs: want a positive cost under 20ms", cal.Hop)
	}

	// A measurement outside the bounds is taken once more: a disturbance of
	// the shared machine that the probe missed (beside the compose tests,
	// the probe saw its work 0.89x as long while the mean ran +41 % above
	// the simulation) rarely lasts two measurements, a wrong model fails
	// both.
	var c loadgen.Comparison
	var m, s *simulate.Metrics
	for attempt := 1; ; attempt++ {
		c = loadgen.Comparison{}
		stopProbe := probeDuring(t, cal.Target)
		decode(t, berth(t, 0, "compare", dir, "--json"), &c)
		machine := stopProbe()
		m, s = c.Measured.Entry, c.Simulated.Entry
		if c.HopLatency != cal.HopLatency {
			t.Errorf("compare simulated with hop latency %q, calibrate wrote %q", c.HopLatency, cal.HopLatency)
		}
		if m.Failed > 0 || m.Arrivals < 550 {
			t.Fatalf("measured %d requests, %d failed: %v", m.Arrivals, m.Failed, c.Measured.Status)
		}
		slow := simulateOn(t, dir, machine, c.Simulated)
		rtt := c.EntryRoundTrip
		t.Logf("measurement %d: %d requests measured; client round trip %.2fms; during compare the probe's work took %.2f× as long, a hop %v",
			attempt, m.Arrivals, rtt*1e3, machine.work, machine.hop)
		t.Logf("%-5s %9s %10s %12s", "ms", "measured", "simulated", "as it was")
		for _, k := range []struct {
			name         string
			m, s, slowed float64
		}{
			{"mean", m.Latency.Mean, s.Latency.Mean + rtt, slow.Latency.Mean + rtt},
			{"p50", m.Latency.P50, s.Latency.P50 + rtt, slow.Latency.P50 + rtt},
			{"p90", m.Latency.P90, s.Latency.P90 + rtt, slow.Latency.P90 + rtt},
			{"p99", m.Latency.P99, s.Latency.P99 + rtt, slow.Latency.P99 + rtt},
		} {
			t.Logf("%-5s %9.2f %10.2f %12.2f   (%+.1f %% of the simulation, %+.1f %% of the one as the machine was)",
				k.name, k.m*1e3, k.s*1e3, k.slowed*1e3, (k.m-k.s)/k.s*100, (k.m-k.slowed)/k.slowed*100)
		}
		if machine.work > 1.5 || machine.hop.Seconds() > 5*cal.Hop || machine.untimed {
			t.Skipf("the engine is too busy to time the stack: the probe's work took %.2f× as long, a hop %v (calibrated %gs; untimed, its chains quicker than its direct requests: %v)",
				machine.work, machine.hop, cal.Hop, machine.untimed)
		}
		var outside []string
		for _, k := range []struct {
			name             string
			m, plain, slowed float64
		}{
			{"mean", m.Latency.Mean, s.Latency.Mean + rtt, slow.Latency.Mean + rtt},
			{"p50", m.Latency.P50, s.Latency.P50 + rtt, slow.Latency.P50 + rtt},
		} {
			if lo, hi := min(k.plain, k.slowed), max(k.plain, k.slowed); k.m < 0.8*lo || k.m > 1.4*hi {
				outside = append(outside, fmt.Sprintf("%s: measured %.2fms, simulated %.2fms, and for the machine as it was %.2fms: outside −20 %% of the lower..+40 %% of the higher", k.name, k.m*1e3, k.plain*1e3, k.slowed*1e3))
			}
		}
		if len(outside) == 0 {
			break
		}
		if attempt == 2 {
			for _, o := range outside {
				t.Error(o)
			}
			break
		}
		t.Logf("measurement 1 %s; measuring again", strings.Join(outside, "; "))
	}
	if math.Abs(m.Throughput-s.Throughput) > 0.15*s.Throughput {
		t.Errorf("throughput: measured %.1f/s, simulated %.1f/s", m.Throughput, s.Throughput)
	}
	for _, svc := range []string{"gateway", "orders", "products"} {
		if got := c.Measured.Services[svc]; got == nil || got.Arrivals != m.Arrivals {
			t.Errorf("service %s: %+v, want %d requests counted from the answers", svc, got, m.Arrivals)
		}
	}
	if c.EntryStats == nil || c.EntryStats.Links["orders"].Calls < m.Arrivals {
		t.Errorf("entry stats: %+v, want the gateway's calls to orders", c.EntryStats)
	}
}

// machineState is how the engine ran during a measurement, from the
// calibration probe: how many times its 5 ms of work it took, and the
// cost of one hop.
type machineState struct {
	work float64
	hop  time.Duration
	// untimed: the chains took less time than the direct requests, so
	// the machine's noise hid what a hop costs.
	untimed bool
}

// probeDuring times the calibration probe at target every 20 ms until
// stopped (a direct answer, 5 ms of work, and the 8-call chain, as
// calibrate does, means included so bursts count as in the stack) and
// returns the state of the machine meanwhile.
func probeDuring(t *testing.T, target string) (stop func() machineState) {
	done := make(chan struct{})
	res := make(chan machineState)
	get := func(path string) time.Duration {
		t0 := time.Now()
		resp, err := http.Get(target + path)
		if err != nil {
			return 0
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return time.Since(t0)
	}
	go func() {
		var direct, work, chain time.Duration
		n := 0
		for {
			select {
			case <-done:
				if n < 10 {
					res <- machineState{}
					return
				}
				// The chains can come back sooner than the direct
				// requests on a busy machine, whose late wake-ups
				// (bursts counted) outweigh what the hops cost: under
				// 20 CPU burners, −22 µs a hop, which the simulation
				// refuses. The probe could not time a hop then.
				res <- machineState{
					work:    float64(work-direct) / float64(n) / float64(loadgen.ProbeWork),
					hop:     max(chain-direct, 0) / time.Duration(n*2*loadgen.ProbeHops),
					untimed: chain < direct,
				}
				return
			case <-time.After(20 * time.Millisecond):
			}
			direct += get("/direct")
			work += get("/work")
			chain += get("/chain")
			n++
		}
	}()
	return func() machineState {
		close(done)
		st := <-res
		if st.work == 0 {
			t.Fatal("the calibration probe did not answer during compare")
		}
		return st
	}
}

// simulateOn simulates the spec in dir as compare did (same load, seed and
// duration) on the machine as it was: every service time st.work times as
// long, and each hop st.hop.
func simulateOn(t *testing.T, dir string, st machineState, as *simulate.Report) *simulate.Metrics {
	t.Helper()
	spec, diags := lang.NewLoader().Load(dir, lang.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	for _, svc := range spec.Services {
		d := &svc.Capacity.ServiceTime
		if d.Kind != lang.DistExp {
			t.Fatalf("%s: only exp service times are scaled here, not %s", svc.Name, d.Kind)
		}
		d.Params = []float64{d.Params[0] * st.work}
		for _, ep := range svc.Endpoints {
			ep.ServiceTime = nil
		}
	}
	spec.Defaults.HopLatency = lang.Const(st.hop)
	rep, diags := simulate.RunCase(spec, simulate.Case{Load: as.Load}, simulate.Options{
		Seed: as.Seed, Duration: time.Duration(as.Duration * float64(time.Second)).Round(time.Millisecond),
	})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return rep.Entry
}

// TestCalibrateWritesBerthBlock checks --write's edit without an engine:
// an existing berth block gets a defaults block, comments and layout stay.
func TestCalibrateWritesBerthBlock(t *testing.T) {
	for name, tc := range map[string]struct{ files, want map[string]string }{
		"no berth block": {
			files: map[string]string{"a.berth.hcl": "# the api\nservice \"api\" {}\n"},
			want:  map[string]string{"a.berth.hcl": "# the api\nservice \"api\" {}\n\nberth {\n  defaults {\n    hop_latency = \"0.25ms\"\n  }\n}\n"},
		},
		"berth block in the second file": {
			files: map[string]string{
				"a.berth.hcl": "service \"api\" {}\n",
				"b.berth.hcl": "berth {\n  project = \"x\" # the name\n}\n",
			},
			want: map[string]string{
				"a.berth.hcl": "service \"api\" {}\n",
				"b.berth.hcl": "berth {\n  project = \"x\" # the name\n  defaults {\n    hop_latency = \"0.25ms\"\n  }\n}\n",
			},
		},
		"one-line blocks are written out": {
			files: map[string]string{"a.berth.hcl": "berth { project = \"x\"  nodes = 2 }\n"},
			want:  map[string]string{"a.berth.hcl": "berth {\n  project = \"x\"\n  nodes   = 2\n  defaults {\n    hop_latency = \"0.25ms\"\n  }\n}\n"},
		},
		"replaces the value": {
			files: map[string]string{"a.berth.hcl": "berth {\n  defaults {\n    hop_latency = \"1ms\" # old\n  }\n}\n"},
			want:  map[string]string{"a.berth.hcl": "berth {\n  defaults {\n    hop_latency = \"0.25ms\" # old\n  }\n}\n"},
		},
	} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			for f, src := range tc.files {
				os.WriteFile(filepath.Join(dir, f), []byte(src), 0o644)
			}
			if _, err := writeHopLatency(dir, "0.25ms"); err != nil {
				t.Fatal(err)
			}
			for f, want := range tc.want {
				got, _ := os.ReadFile(filepath.Join(dir, f))
				if string(got) != want {
					t.Errorf("%s:\n%s\nwant:\n%s", f, got, want)
				}
			}
			spec, diags := lang.NewLoader().Load(dir, lang.Options{})
			if diags.HasErrors() || spec.Defaults.HopLatency.Source != "0.25ms" {
				t.Errorf("reloaded: hop latency %+v, %v", spec.Defaults.HopLatency, diags)
			}
		})
	}
}

// berth runs the CLI in-process, fails the test unless it exits with
// want, and returns its stdout.
func berth(t *testing.T, want int, args ...string) []byte {
	t.Helper()
	var out, errOut bytes.Buffer
	t0 := time.Now()
	code := Run(args, strings.NewReader(""), &out, &errOut)
	t.Logf("berth %s: exit %d after %v", strings.Join(args, " "), code, time.Since(t0).Round(time.Millisecond))
	if code != want {
		t.Fatalf("berth %s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, want, out.Bytes(), errOut.Bytes())
	}
	return out.Bytes()
}

func decode(t *testing.T, js []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(js, v); err != nil {
		t.Fatalf("%v in %s", err, js)
	}
}

func randomHex(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return hex.EncodeToString(b)
}

func countByLabel(t *testing.T, cli *client.Client, project string) int {
	f := filters.NewArgs(filters.Arg("label", backends.ProjectFilter(project)))
	cs, err := cli.ContainerList(context.Background(), container.ListOptions{All: true, Filters: f})
	if err != nil {
		t.Fatal(err)
	}
	return len(cs)
}
