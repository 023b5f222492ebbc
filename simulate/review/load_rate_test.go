package review

import (
	"math"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/berth-dev/berth/simulate"
)

// rateServices is a front (const 5 ms of work) calling db (const 15 ms)
// over a link of 1 ms each way: 22 ms without queueing.
const rateServices = `
service "front" {
  capacity { service_time = "const(5ms)" }
  endpoint "page" {
    call "db" {}
  }
}
service "db" {
  capacity {
    workers      = 1
    service_time = "const(15ms)"
  }
}
link "front" "db" {
  timeout = "1s"
  latency = "const(1ms)"
}
`

// TestRateOf: the rate the analytic findings read. A bursty load's peak
// is the height of its bursts, rate × (on + off) / on, not its mean; a
// closed load's is its throughput, users / (R0 + Z) at most without a
// simulation and the simulated arrivals per second with one, never 0.
func TestRateOf(t *testing.T) {
	for _, tc := range []struct {
		name       string
		load       string
		report     *simulate.Report
		peak, mean float64
		text       string
	}{
		{"constant", `rate = 300`, nil, 300, 300, "300/s"},
		{"bursty", "rate = 100\narrival = \"bursty\"\nburst {\n on = \"10s\"\n off = \"50s\"\n}", nil, 600, 100, "600/s during its bursts, 100/s on average"},
		{"bursty, default phases", "rate = 100\narrival = \"bursty\"", nil, 500, 100, "500/s during its bursts"},
		{"bursty, --duration", "rate = 100\narrival = \"bursty\"\nburst {\n on = \"10s\"\n off = \"50s\"\n}", &simulate.Report{Duration: 30, Replications: 1}, 600, 100, "600/s during its bursts"},
		{"ramp", "ramp {\n from = 0\n to = 100\n over = \"60s\"\n}", nil, 100, 50, "100/s"},
		{"closed", "users = 50\nthink_time = \"const(100ms)\"", nil, 50 / 0.122, 50 / 0.122, "at most 409.8/s: 50 users / (22ms of response without queueing + 100ms of think time)"},
		{"closed, one endpoint", "entry = service.front.endpoint.page\nusers = 1\nthink_time = \"exp(78ms)\"", nil, 10, 10, "1 user"},
		{"closed, simulated", "users = 50\nthink_time = \"const(100ms)\"",
			&simulate.Report{Duration: 60, Warmup: 5, Replications: 3, Entry: &simulate.Metrics{Arrivals: 6600}}, 40, 40, "40/s, the simulated throughput of its 50 users"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			load := tc.load
			if !strings.Contains(load, "entry") {
				load = "entry = service.front\n" + load
			}
			src := "load \"l\" {\n" + load + "\nduration = \"60s\"\n}\n" + rateServices
			s := side(t, tc.name, "spec", fstest.MapFS{"spec/main.berth.hcl": {Data: []byte(src)}})
			r := rateOf(s.Spec, s.Spec.Loads["l"], tc.report)
			if math.Abs(r.peak-tc.peak) > 1e-6*tc.peak || math.Abs(r.mean-tc.mean) > 1e-6*tc.mean || !strings.Contains(r.text, tc.text) {
				t.Errorf("peak %g, mean %g, %q; want %g, %g, %q", r.peak, r.mean, r.text, tc.peak, tc.mean, tc.text)
			}
		})
	}
}

// TestSimulatedRhoOfBursts: a bursty load's simulated utilisation is its
// mean over the cycles; during a burst (1 s on, 5 s off) the service
// works six times as hard, which is what saturates it.
func TestSimulatedRhoOfBursts(t *testing.T) {
	src := "load \"l\" {\nentry = service.front\nrate = 100\narrival = \"bursty\"\nburst {\n on = \"1s\"\n off = \"5s\"\n}\n}\n" + rateServices
	s := side(t, "bursty", "spec", fstest.MapFS{"spec/main.berth.hcl": {Data: []byte(src)}})
	report := &simulate.Report{Duration: 60, Replications: 1, Entry: &simulate.Metrics{},
		Services: map[string]*simulate.Metrics{"db": {Utilization: 0.2}}}
	c := &checker{spec: s.Spec, peak: s.Spec.Loads["l"], rate: rateOf(s.Spec, s.Spec.Loads["l"], report), report: report}
	if rho, src := c.rho("db"); math.Abs(rho-1.2) > 1e-9 || !strings.Contains(src, "scaled") {
		t.Errorf("ρ(db) = %g (%s), want 0.2 × 6 = 1.2, scaled to the bursts", rho, src)
	}
}

// TestPeakLoadClosed: a closed load of 50 users sends about 400/s, more
// than an open load of 10/s, so it is the peak the findings read; as a
// rate of 0 it never was.
func TestPeakLoadClosed(t *testing.T) {
	src := `
load "crowd" {
  entry      = service.front
  users      = 50
  think_time = "exp(100ms)"
}
load "trickle" {
  entry = service.front
  rate  = 10
}
` + rateServices
	s := side(t, "closed", "spec", fstest.MapFS{"spec/main.berth.hcl": {Data: []byte(src)}})
	if p := PeakLoad(s.Spec); p == nil || p.Name != "crowd" {
		t.Errorf("peak load %v, want crowd", p)
	}
}
