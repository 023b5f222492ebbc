package backends

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/berth-dev/berth/planner"
)

// Phase of a step or of a resource's convergence, for progress events.
type Phase string

// Phases.
const (
	PhaseStarted Phase = "started"
	PhaseDone    Phase = "done"
	PhaseFailed  Phase = "failed"
	PhaseWaiting Phase = "waiting" // made; waiting for running or healthy
	PhaseReady   Phase = "ready"   // running, or healthy when it has a check
	PhaseUnready Phase = "unready" // did not become ready in time
)

// Progress shows what apply is doing. On a terminal it keeps one line per
// service (or per resource outside services) and redraws them in place; on
// anything else it prints one plain line per event, which logs and CI keep
// readable. A nil *Progress prints nothing.
type Progress struct {
	mu     sync.Mutex
	w      io.Writer
	tty    bool
	start  time.Time
	order  []string
	lines  map[string]*progressLine
	began  map[string]time.Time // resource address → when its last step started
	drawn  int
	ticker *time.Ticker
	stop   chan struct{}
}

type progressLine struct {
	total, done, failed, inflight, ready, waiting int
	verb                                          string
	err                                           string
	last                                          time.Time
}

// NewProgress returns a Progress writing to w; tty selects the redrawn view.
func NewProgress(w io.Writer, tty bool) *Progress {
	p := &Progress{w: w, tty: tty, start: time.Now(), lines: map[string]*progressLine{}, began: map[string]time.Time{}}
	if tty {
		p.ticker, p.stop = time.NewTicker(200*time.Millisecond), make(chan struct{})
		go p.tick()
	}
	return p
}

// Plan registers the steps, so the terminal view knows the totals.
func (p *Progress) Plan(plan *planner.Plan) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, s := range plan.Steps {
		p.line(lineKey(s.Change)).total++
	}
}

func lineKey(c *planner.Change) string {
	if c.Group != "" {
		return c.Group
	}
	return c.Address.String()
}

func (p *Progress) line(key string) *progressLine {
	l := p.lines[key]
	if l == nil {
		l = &progressLine{}
		p.lines[key] = l
		p.order = append(p.order, key)
	}
	return l
}

// verbs of each op while running and when done.
var verbs = map[planner.Op][2]string{
	planner.OpCreate: {"creating", "created"},
	planner.OpUpdate: {"updating", "updated"},
	planner.OpDelete: {"deleting", "deleted"},
}

// Step reports a step starting or failing.
func (p *Progress) Step(s *planner.Step, phase Phase, err error) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	l := p.line(lineKey(s.Change))
	l.last = time.Now()
	switch phase {
	case PhaseStarted:
		p.began[s.Address().String()] = l.last
		l.inflight++
		l.verb = verbs[s.Op][0]
		p.plain("%s: %s...", s.Address(), verbs[s.Op][0])
	case PhaseFailed:
		l.inflight--
		l.failed++
		l.err = err.Error()
		p.plain("%s: %s FAILED: %v", s.Address(), s.Op, err)
	}
	p.draw()
}

// StepDone reports a step done after d.
func (p *Progress) StepDone(s *planner.Step, d time.Duration) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	l := p.line(lineKey(s.Change))
	l.inflight--
	l.done++
	l.verb = verbs[s.Op][1]
	l.last = time.Now()
	p.plain("%s: %s (%s)", s.Address(), verbs[s.Op][1], round(d))
	p.draw()
}

// Resource reports the convergence of one resource: waiting, ready or
// unready, with a detail ("healthy", "running", the last health output).
// The ready line gives the time from the start of the resource's last step
// (its create, or update) to ready, the health wait included, as the done
// line of a step gives the step's own time (not the time since apply
// began, which also counts image builds and the other resources' steps).
func (p *Progress) Resource(c *planner.Change, phase Phase, detail string) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	l := p.line(lineKey(c))
	l.last = time.Now()
	switch phase {
	case PhaseWaiting:
		l.waiting++
		p.plain("%s: waiting until %s", c.Address, detail)
	case PhaseReady:
		l.waiting--
		l.ready++
		l.verb = detail
		p.plain("%s: %s (%s)", c.Address, detail, round(p.sinceBegan(c.Address)))
	case PhaseUnready:
		l.waiting--
		l.err = detail
		p.plain("%s: NOT READY: %s", c.Address, detail)
	}
	p.draw()
}

// sinceBegan is the time since addr's last step started (since the
// progress began for a resource reported without a step).
func (p *Progress) sinceBegan(addr planner.Address) time.Duration {
	t, ok := p.began[addr.String()]
	if !ok {
		t = p.start
	}
	return time.Since(t)
}

// Printf prints a line of its own (plain, or above the redrawn lines).
func (p *Progress) Printf(format string, args ...any) {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.tty {
		p.clear()
	}
	fmt.Fprintf(p.w, format+"\n", args...)
	p.draw()
}

// Close stops redrawing and leaves the final lines in place.
func (p *Progress) Close() {
	if p == nil || !p.tty {
		return
	}
	p.ticker.Stop()
	close(p.stop)
	p.mu.Lock()
	defer p.mu.Unlock()
	p.draw()
}

func (p *Progress) plain(format string, args ...any) {
	if !p.tty {
		fmt.Fprintf(p.w, format+"\n", args...)
	}
}

func (p *Progress) tick() {
	for {
		select {
		case <-p.ticker.C:
			p.mu.Lock()
			p.draw()
			p.mu.Unlock()
		case <-p.stop:
			return
		}
	}
}

func (p *Progress) clear() {
	for i := 0; i < p.drawn; i++ {
		fmt.Fprint(p.w, "\x1b[1A\x1b[2K")
	}
	p.drawn = 0
}

var spinner = []string{"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"}

func (p *Progress) draw() {
	if !p.tty {
		return
	}
	p.clear()
	keys := append([]string(nil), p.order...)
	sort.Strings(keys)
	frame := spinner[int(time.Since(p.start)/(100*time.Millisecond))%len(spinner)]
	for _, k := range keys {
		l := p.lines[k]
		sym, state := frame, l.verb
		switch {
		case l.err != "":
			sym, state = "✘", "failed: "+firstLine(l.err)
		case l.inflight == 0 && l.waiting == 0 && l.done == l.total:
			sym = "✔"
		case l.waiting > 0 && l.inflight == 0:
			state = "waiting until running or healthy"
		}
		fmt.Fprintf(p.w, " %s %-28s %d/%d %s\n", sym, k, l.done, l.total, state)
		p.drawn++
	}
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return s
}

func round(d time.Duration) time.Duration {
	if d < time.Second {
		return d.Round(time.Millisecond)
	}
	return d.Round(10 * time.Millisecond)
}
