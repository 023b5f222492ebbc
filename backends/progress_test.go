package backends

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestProgressPlainAndTerminal(t *testing.T) {
	p := chainPlan(t)
	for _, tty := range []bool{false, true} {
		var buf bytes.Buffer
		prog := NewProgress(&buf, tty)
		prog.Plan(p)
		a, b := p.Steps[0], p.Steps[1]
		prog.Step(a, PhaseStarted, nil)
		prog.StepDone(a, 1500*time.Millisecond)
		prog.Step(b, PhaseStarted, nil)
		prog.Step(b, PhaseFailed, errors.New("no such image"))
		prog.Close()
		out := buf.String()
		if !tty {
			for _, want := range []string{"thing.a: creating...\n", "thing.a: created (1.5s)\n", "thing.b: create FAILED: no such image\n"} {
				if !strings.Contains(out, want) {
					t.Errorf("plain output lacks %q:\n%s", want, out)
				}
			}
			continue
		}
		// The terminal view redraws one line per resource; its last frame
		// says a is done and b failed.
		frames := strings.Split(out, "\x1b[1A\x1b[2K")
		last := frames[len(frames)-1]
		if !strings.Contains(last, "✔ thing.a") || !strings.Contains(last, "✘ thing.b") || !strings.Contains(last, "failed: no such image") {
			t.Errorf("last frame:\n%s", last)
		}
	}
}

// TestProgressReadyTime: the ready line gives the time from the start of
// the resource's own step to ready, the health wait included, not the
// time since apply began (which also counts image builds and the steps
// of other resources).
func TestProgressReadyTime(t *testing.T) {
	const before, health = 400 * time.Millisecond, 150 * time.Millisecond
	p := chainPlan(t)
	var buf bytes.Buffer
	prog := NewProgress(&buf, false)
	prog.Plan(p)
	time.Sleep(before) // an image build, the steps of other resources
	a := p.Steps[0]
	prog.Step(a, PhaseStarted, nil)
	prog.StepDone(a, time.Millisecond)
	prog.Resource(a.Change, PhaseWaiting, "healthy")
	time.Sleep(health)
	prog.Resource(a.Change, PhaseReady, "healthy")
	var got time.Duration
	for _, line := range strings.Split(buf.String(), "\n") {
		if rest, ok := strings.CutPrefix(line, "thing.a: healthy ("); ok {
			d, err := time.ParseDuration(strings.TrimSuffix(rest, ")"))
			if err != nil {
				t.Fatalf("ready line %q: %v", line, err)
			}
			got = d
		}
	}
	if got < health || got >= before {
		t.Errorf("ready after %s, want at least the health wait (%s) and less than the time since apply began (%s + %s):\n%s", got, health, before, health, buf.String())
	}
}
