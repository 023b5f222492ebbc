package policy

import (
	"strings"
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

const sec = int64(time.Second)

func hystrix() *lang.CircuitBreaker {
	return &lang.CircuitBreaker{Window: 10 * time.Second, MinCalls: 20, FailureRate: 0.5, OpenFor: 5 * time.Second, HalfOpenCalls: 1}
}

// call admits a call at now and records its outcome at once.
func call(t *testing.T, b *Breaker, now int64, ok bool) {
	t.Helper()
	tk, allowed := b.Allow(now)
	if !allowed {
		t.Fatalf("t=%v: call refused in state %v", time.Duration(now), b.State(now))
	}
	b.Record(now, tk, ok, 0)
}

func TestBreakerOpensOnTwentiethFailure(t *testing.T) {
	cfg := hystrix()
	cfg.FailureRate = 1 // 100 %: every call must fail
	b := NewBreaker(cfg)
	for i := range 20 {
		now := int64(i) * 100 * ms
		if b.State(now) != Closed {
			t.Fatalf("opened after %d failures", i)
		}
		call(t, b, now, false)
	}
	if b.State(1900*ms) != Open || b.Openings() != 1 {
		t.Fatalf("after 20 failures: state %v, openings %d", b.State(1900*ms), b.Openings())
	}
	if got, want := b.OpenUntil(), 1900*ms+5*sec; got != want {
		t.Errorf("open until %d, want %d", got, want)
	}
}

func TestBreakerFailureRateThreshold(t *testing.T) {
	tests := []struct {
		name     string
		outcomes string // o = ok, x = failure, one call per 10 ms
		openAt   int    // index of the call that opens it; -1 = never
	}{
		{"half_fail_opens_at_min_calls", "oxoxoxoxoxoxoxoxoxox", 19},
		{"below_rate", "ooxoxoxoxoxoxoxoxoxo" + "xo", -1}, // 10/22 failing after 22
		{"rate_reached_later", "oooooooooooooooooooo" + "xxxxxxxxxxxxxxxxxxxx", 39},
		{"not_enough_calls", "xxxxxxxxxxxxxxxxxxx", -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := NewBreaker(hystrix())
			opened := -1
			for i, c := range tt.outcomes {
				now := int64(i) * 10 * ms
				call(t, b, now, c == 'o')
				if opened < 0 && b.State(now) == Open {
					opened = i
					break
				}
			}
			if opened != tt.openAt {
				t.Fatalf("opened at call %d, want %d", opened, tt.openAt)
			}
		})
	}
}

func TestBreakerWindowBucketsExpire(t *testing.T) {
	// 10 s window of 1 s buckets: 10 failures in [0, 1 s), 9 at 5 s. A 20th
	// failure inside the window opens; once the first bucket has expired
	// (t ≥ 10 s) the window holds only 10 calls and stays closed.
	tests := []struct {
		last int64
		want State
	}{
		{9*sec + 999*ms, Open}, // buckets 0–9: 20 failures
		{10 * sec, Closed},     // bucket 0 gone: 10
		{15 * sec, Closed},     // bucket 5 gone too: 1
	}
	for _, tt := range tests {
		b := NewBreaker(hystrix())
		for i := range 10 {
			call(t, b, int64(i)*90*ms, false)
		}
		for range 9 {
			call(t, b, 5*sec, false)
		}
		call(t, b, tt.last, false)
		if got := b.State(tt.last); got != tt.want {
			t.Errorf("20th failure at %v: state %v, want %v", time.Duration(tt.last), got, tt.want)
		}
	}
}

func TestBreakerWindowSlidesBucketByBucket(t *testing.T) {
	b := NewBreaker(hystrix())
	// 19 successes every 500 ms in [0, 9 s]: two per 1 s bucket, one in
	// bucket 9.
	for i := range 19 {
		call(t, b, int64(i)*500*ms, true)
	}
	if _, w, _ := b.win.add(9500*ms, true, false); w != 1 || b.win.calls != 20 {
		t.Fatalf("window holds %d calls, %d failures; want 20, 1", b.win.calls, w)
	}
	b.win.add(10*sec, true, false) // bucket 0 (two successes) leaves
	if b.win.calls != 19 || b.win.fails != 2 {
		t.Fatalf("after sliding: %d calls, %d failures; want 19, 2", b.win.calls, b.win.fails)
	}
	b.win.add(40*sec, false, false) // everything expired
	if b.win.calls != 1 || b.win.fails != 0 {
		t.Fatalf("after a long gap: %d calls, %d failures; want 1, 0", b.win.calls, b.win.fails)
	}
}

func tripped(t *testing.T, cfg *lang.CircuitBreaker) *Breaker {
	t.Helper()
	b := NewBreaker(cfg)
	for range 20 {
		call(t, b, 0, false)
	}
	if b.State(0) != Open {
		t.Fatal("breaker did not open")
	}
	return b
}

func TestBreakerOpenThenHalfOpen(t *testing.T) {
	b := tripped(t, hystrix())
	for _, now := range []int64{0, sec, 5*sec - 1} {
		if _, ok := b.Allow(now); ok {
			t.Fatalf("allowed at %v while open", time.Duration(now))
		}
	}
	if b.Rejected() != 3 {
		t.Errorf("rejected = %d, want 3", b.Rejected())
	}
	if b.State(5*sec) != HalfOpen {
		t.Fatalf("state at open_for = %v, want half_open", b.State(5*sec))
	}
	trial, ok := b.Allow(5 * sec)
	if !ok {
		t.Fatal("trial call refused after open_for")
	}
	if _, ok := b.Allow(5 * sec); ok {
		t.Fatal("second call admitted with half_open_calls = 1")
	}

	t.Run("success_closes", func(t *testing.T) {
		b := *b
		b.Record(5*sec+ms, trial, true, ms)
		if b.State(5*sec+ms) != Closed {
			t.Fatalf("state %v after trial success", b.State(5*sec+ms))
		}
		// The window was reset: 19 more failures do not reopen it.
		for range 19 {
			call(t, &b, 6*sec, false)
		}
		if b.State(6*sec) != Closed || b.Openings() != 1 {
			t.Fatalf("state %v, openings %d", b.State(6*sec), b.Openings())
		}
	})
	t.Run("failure_reopens", func(t *testing.T) {
		b := *b
		b.Record(5*sec+ms, trial, false, ms)
		if b.State(5*sec+ms) != Open || b.Openings() != 2 || b.OpenUntil() != 10*sec+ms {
			t.Fatalf("state %v, openings %d, open until %v", b.State(5*sec+ms), b.Openings(), time.Duration(b.OpenUntil()))
		}
	})
}

// With several half-open trials the breaker waits for all of them and
// decides on their failure rate, as resilience4j does with its 10
// permitted calls.
func TestBreakerSeveralTrials(t *testing.T) {
	cfg := hystrix()
	cfg.HalfOpenCalls = 3
	for _, tt := range []struct {
		outcomes []bool
		want     State
	}{
		{[]bool{true, true, true}, Closed},
		{[]bool{true, true}, HalfOpen},
		{[]bool{true, false}, HalfOpen}, // the trials decide together (resilience4j)
		{[]bool{false}, HalfOpen},
		{[]bool{true, true, false}, Closed}, // 1 of 3 failed: below 50 %
		{[]bool{true, false, false}, Open},  // 2 of 3: at or above 50 %
		{[]bool{false, false, false}, Open},
	} {
		b := tripped(t, cfg)
		var tickets []Ticket
		for range 3 {
			tk, ok := b.Allow(5 * sec)
			if !ok {
				t.Fatal("trial refused")
			}
			tickets = append(tickets, tk)
		}
		if _, ok := b.Allow(5 * sec); ok {
			t.Fatal("fourth trial admitted")
		}
		for i, ok := range tt.outcomes {
			b.Record(6*sec, tickets[i], ok, 0)
		}
		if got := b.State(6 * sec); got != tt.want {
			t.Errorf("trials %v: state %v, want %v", tt.outcomes, got, tt.want)
		}
	}
}

func TestBreakerStaleOutcomesIgnored(t *testing.T) {
	b := NewBreaker(hystrix())
	slow, _ := b.Allow(0) // admitted while closed, ends much later
	for range 20 {
		call(t, b, ms, false)
	}
	trial, ok := b.Allow(5*sec + ms)
	if !ok {
		t.Fatal("trial refused")
	}
	b.Record(5*sec+ms, slow, false, 5*sec) // stale: must not reopen
	if b.State(5*sec+ms) != HalfOpen {
		t.Fatalf("stale failure changed the half-open breaker to %v", b.State(5*sec+ms))
	}
	b.Record(5*sec+2*ms, trial, true, ms)
	if b.State(5*sec+2*ms) != Closed {
		t.Fatalf("trial success left state %v", b.State(5*sec+2*ms))
	}
	b.Record(5*sec+3*ms, trial, false, ms) // stale again, and a zero ticket
	b.Record(5*sec+3*ms, 0, false, ms)
	if b.win.calls != 0 {
		t.Fatalf("stale outcomes counted in the new window: %d calls", b.win.calls)
	}
}

func TestBreakerReleaseFreesTrial(t *testing.T) {
	b := tripped(t, hystrix())
	trial, _ := b.Allow(5 * sec)
	b.Release(trial)
	if _, ok := b.Allow(5 * sec); !ok {
		t.Fatal("released trial slot not reusable")
	}
}

// Slow calls have their own rate, as in resilience4j: a call slower than
// slow_call is slow whether it failed or not, and the breaker opens when
// the failures reach failure_rate or the slow calls slow_call_rate
// (default 100 %, resilience4j's slowCallRateThreshold). A slow success is
// not a failure, so slow calls and failures never add up.
func TestBreakerSlowCalls(t *testing.T) {
	const slow, fast = 101 * ms, 100 * ms // slow_call 100 ms: 100 ms is not slow
	tests := []struct {
		name     string
		slowRate float64
		outcomes string // one call each: o ok, s slow success, x failure, S slow failure
		open     bool
	}{
		{"19 slow of 20 stay under the default 100 %", 0, "o" + strings.Repeat("s", 19), false},
		{"20 slow of 20 open at the default 100 %", 0, strings.Repeat("s", 20), true},
		{"10 slow of 20 open at slow_call_rate 0.5", 0.5, "sosososososososososo", true},
		{"9 slow and 9 failures of 20 do not add up", 0.5, "sxsxsxsxsxsxsxsxsxoo", false},
		{"a slow failure is a failure too", 0, "SoSoSoSoSoSoSoSoSoSo", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := hystrix()
			cfg.SlowCall, cfg.SlowCallRate = 100*time.Millisecond, tt.slowRate
			b := NewBreaker(cfg)
			for _, c := range tt.outcomes {
				tk, ok := b.Allow(0)
				if !ok {
					t.Fatalf("refused before the 20th call")
				}
				lat := fast
				if c == 's' || c == 'S' {
					lat = slow
				}
				b.Record(0, tk, c == 'o' || c == 's', lat)
			}
			if got := b.State(0) == Open; got != tt.open {
				t.Errorf("%s: open %v, want %v", tt.outcomes, got, tt.open)
			}
		})
	}
	// Half-open: a slow trial reopens the breaker at the default 100 %.
	cfg := hystrix()
	cfg.SlowCall = 100 * time.Millisecond
	b := NewBreaker(cfg)
	for range 20 {
		tk, _ := b.Allow(0)
		b.Record(0, tk, false, 0)
	}
	tk, ok := b.Allow(5 * sec)
	if !ok {
		t.Fatal("no half-open trial after open_for")
	}
	b.Record(5*sec+slow, tk, true, slow)
	if b.State(5*sec+slow) != Open || b.Openings() != 2 {
		t.Errorf("a slow trial: state %v, %d openings; want open again", b.State(5*sec+slow), b.Openings())
	}
}

func TestBreakerCountWindow(t *testing.T) {
	cfg := &lang.CircuitBreaker{WindowCalls: 10, MinCalls: 100, FailureRate: 0.5, OpenFor: time.Minute}
	tests := []struct {
		outcomes string
		openAt   int
	}{
		{"oooooxxxxx", 9},                     // min_calls capped at the window size
		{"ooooxxxx" + "x", -1},                // 9 calls: not yet a full window
		{"oooooooooo" + "xxxxx", 14},          // the oldest 5 successes slid out
		{"xxxxoooooo" + "oooo" + "xxxxx", 18}, // the first failures slid out first
	}
	for _, tt := range tests {
		b := NewBreaker(cfg)
		opened := -1
		for i, c := range tt.outcomes {
			call(t, b, int64(i)*time.Hour.Nanoseconds(), c == 'o') // time is irrelevant
			if b.State(int64(i)*time.Hour.Nanoseconds()) == Open {
				opened = i
				break
			}
		}
		if opened != tt.openAt {
			t.Errorf("%s: opened at %d, want %d", tt.outcomes, opened, tt.openAt)
		}
	}
}

func TestBreakerCountWindowSlides(t *testing.T) {
	cfg := &lang.CircuitBreaker{WindowCalls: 4, MinCalls: 4, FailureRate: 0.75, OpenFor: time.Second}
	b := NewBreaker(cfg)
	// x o x o x o ...: never more than 2 of the last 4 fail.
	for i := range 40 {
		call(t, b, 0, i%2 == 1)
	}
	if b.Openings() != 0 || b.win.calls != 4 || b.win.fails != 2 {
		t.Fatalf("openings %d, window %d calls %d failures", b.Openings(), b.win.calls, b.win.fails)
	}
	call(t, b, 0, false) // last four: o x o x
	if b.Openings() != 0 {
		t.Fatal("two failures of the last four opened")
	}
	call(t, b, 0, false) // last four: x o x x
	if b.Openings() != 1 {
		t.Fatalf("three failures of the last four did not open (window %d/%d)", b.win.fails, b.win.calls)
	}
}

func TestBreakerDefaultsAndNil(t *testing.T) {
	b := NewBreaker(&lang.CircuitBreaker{})
	if b.minCalls != DefaultMinCalls || b.rate != DefaultFailureRate || b.openFor != DefaultOpenFor ||
		b.halfOpenMax != DefaultHalfOpenCalls || b.win.width != DefaultWindow/10 {
		t.Fatalf("defaults not applied: %+v", b)
	}
	var nb *Breaker
	if NewBreaker(nil) != nil {
		t.Fatal("NewBreaker(nil) is not nil")
	}
	tk, ok := nb.Allow(0)
	nb.Record(0, tk, false, 0)
	nb.Release(tk)
	if !ok || nb.State(0) != Closed || nb.Openings() != 0 || nb.Rejected() != 0 {
		t.Fatal("nil breaker is not a pass-through")
	}
}

func TestStateString(t *testing.T) {
	for s, want := range map[State]string{Closed: "closed", Open: "open", HalfOpen: "half_open"} {
		if s.String() != want {
			t.Errorf("%d.String() = %q", s, s.String())
		}
	}
}
