package lang

import (
	"math"
	"strings"
	"testing"
)

func TestParseRate(t *testing.T) {
	tests := []struct {
		in      string
		want    float64
		wantErr string
	}{
		{"800", 800, ""},
		{"0", 0, ""},
		{"100/s", 100, ""},
		{"6000/min", 100, ""},
		{"360000/h", 100, ""},
		{"5/ms", 5000, ""},
		{"100rps", 100, ""},
		{"6000rpm", 100, ""},
		{"1.5e3/min", 25, ""},
		{"2.5/s", 2.5, ""},
		{".5/s", 0.5, ""},
		{"1E2/s", 100, ""},
		{"1e-1/ms", 100, ""},
		{" 6000 / min ", 100, ""},
		{"100 rps", 100, ""},
		{"100RPS", 100, ""},
		{"100/S", 100, ""},
		{"", 0, "not a rate"},
		{"/s", 0, "not a rate"},
		{"100/m", 0, "not a rate"},
		{"100/sec", 0, "not a rate"},
		{"100 per second", 0, "not a rate"},
		{"100/s/s", 0, "not a rate"},
		{"1e/s", 0, "not a rate"},
		{"0x10/s", 0, "not a rate"},
		{"Inf/s", 0, "not a rate"},
		{"NaN", 0, "not a rate"},
		{"1_000/s", 0, "not a rate"},
		// A rate profile written as a function says how berth writes it.
		{"step(600, 1200 at 20s)", 0, "step { at, rate } blocks"},
		{"ramp(100, 800, 30s)", 0, "ramp { from, to, over }"},
		{"-5/s", 0, "negative"},
		{"-5", 0, "negative"},
		{"1e400/s", 0, "too large"},
		{"1e308/ms", 0, "too large"},
	}
	for _, tt := range tests {
		got, err := ParseRate(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseRate(%q) = %v, %v; want an error containing %q", tt.in, got, err, tt.wantErr)
			}
			if err != nil && tt.wantErr == "not a rate" && !strings.Contains(err.Error(), `"6000/min"`) {
				t.Errorf("ParseRate(%q) error %q does not list the accepted forms", tt.in, err)
			}
			continue
		}
		if err != nil || math.Abs(got-tt.want) > 1e-9*tt.want {
			t.Errorf("ParseRate(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

// Every attribute that takes a rate reads the units, into requests/s.
func TestRateAttributes(t *testing.T) {
	sp := mustLoad(t, `
service "gw" {}
load "const" {
  entry = service.gw
  rate  = "6000/min"
}
load "num" {
  entry = service.gw
  rate  = 250
}
load "ramp" {
  entry = service.gw
  ramp {
    from = "1/ms"
    to   = "120000rpm"
    over = "1e1s"
  }
}
load "steps" {
  entry = service.gw
  rate  = "10rps"
  step {
    at   = "5s"
    rate = "3.6e5/h"
  }
}
load "diurnal" {
  entry = service.gw
  diurnal {
    min    = "50/s"
    max    = 800
    period = "10m"
  }
}
scenario "s" {
  load = load.const
  expect {
    throughput = "5400/min"
  }
}
`, Options{})
	p := func(name string) RateProfile { return sp.Loads[name].Profile }
	for _, c := range []struct {
		what      string
		got, want float64
	}{
		{"const rate", p("const").Rate, 100},
		{"numeric rate", p("num").Rate, 250},
		{"ramp from", p("ramp").From, 1000},
		{"ramp to", p("ramp").To, 2000},
		{"rate before the steps", p("steps").Rate, 10},
		{"step rate", p("steps").Steps[0].Rate, 100},
		{"diurnal min", p("diurnal").Min, 50},
		{"diurnal max", p("diurnal").Max, 800},
		{"expect throughput", sp.Scenarios["s"].Expect.Throughput, 90},
	} {
		if math.Abs(c.got-c.want) > 1e-9 {
			t.Errorf("%s = %g, want %g", c.what, c.got, c.want)
		}
	}
	if got := p("ramp").Over.Seconds(); got != 10 {
		t.Errorf("ramp over = %gs, want 10s", got)
	}
}
