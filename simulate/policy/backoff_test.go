package policy

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

const ms = int64(time.Millisecond)

func newRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 99)) }

func TestExpo(t *testing.T) {
	tests := []struct {
		name string
		cfg  lang.Retry
		want []int64 // expo(1), expo(2), ...
	}{
		{"exponential", lang.Retry{Backoff: lang.BackoffExponential, Base: 25 * time.Millisecond, Cap: 250 * time.Millisecond},
			[]int64{25 * ms, 50 * ms, 100 * ms, 200 * ms, 250 * ms, 250 * ms}},
		{"zero_cap", lang.Retry{Base: 25 * time.Millisecond}, // cap 10 × base, exponential
			[]int64{25 * ms, 50 * ms, 100 * ms, 200 * ms, 250 * ms}},
		// A written base of 0 or backoff = "none" retries at once (a base
		// of 0 once waited Envoy's default 25 ms base instead).
		{"zero_base", lang.Retry{Base: 0, Cap: 250 * time.Millisecond, Jitter: lang.JitterNone}, []int64{0, 0, 0}},
		{"none", lang.Retry{Backoff: lang.BackoffNone, Base: 25 * time.Millisecond, Cap: 250 * time.Millisecond}, []int64{0, 0, 0}},
		{"constant", lang.Retry{Backoff: lang.BackoffConstant, Base: 500 * time.Millisecond, Cap: time.Second},
			[]int64{500 * ms, 500 * ms, 500 * ms}},
		{"constant_capped", lang.Retry{Backoff: lang.BackoffConstant, Base: 500 * time.Millisecond, Cap: 100 * time.Millisecond},
			[]int64{100 * ms, 100 * ms}},
		{"cap_below_2base", lang.Retry{Base: 10 * time.Millisecond, Cap: 15 * time.Millisecond},
			[]int64{10 * ms, 15 * ms, 15 * ms}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := NewBackoff(&tt.cfg)
			var got []int64
			for n := 1; n <= len(tt.want); n++ {
				got = append(got, b.Expo(n))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("expo = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestExpoNoOverflow(t *testing.T) {
	b := NewBackoff(&lang.Retry{Base: time.Hour, Cap: 1 << 62})
	for n := 1; n < 200; n++ {
		if e := b.Expo(n); e <= 0 || e > 1<<62 {
			t.Fatalf("expo(%d) = %d", n, e)
		}
	}
	if got := b.Expo(150); got != 1<<62 {
		t.Errorf("expo(150) = %d, want the cap", got)
	}
}

func TestJitterNoneSequence(t *testing.T) {
	b := NewBackoff(&lang.Retry{Base: 25 * time.Millisecond, Cap: 250 * time.Millisecond, Jitter: lang.JitterNone})
	s := b.Start()
	r := newRand(1)
	var got []int64
	for range 6 {
		got = append(got, s.Next(r))
	}
	want := []int64{25 * ms, 50 * ms, 100 * ms, 200 * ms, 250 * ms, 250 * ms}
	if !slices.Equal(got, want) || s.Retries() != 6 {
		t.Fatalf("delays = %v (retries %d), want %v", got, s.Retries(), want)
	}
}

// The jittered delays are the AWS formulas drawn from the same stream:
// replaying the stream with the formula gives the same sequence.
func TestJitterExactSequences(t *testing.T) {
	base, cp := 25*ms, 250*ms
	expo := func(n int) int64 { return min(cp, base<<(n-1)) }
	tests := []struct {
		jitter string
		want   func(n int, prev int64, r *rand.Rand) int64
	}{
		{lang.JitterFull, func(n int, _ int64, r *rand.Rand) int64 { return r.Int64N(expo(n)) }},
		{lang.JitterEqual, func(n int, _ int64, r *rand.Rand) int64 {
			e := expo(n)
			return e/2 + r.Int64N(e-e/2)
		}},
		{lang.JitterDecorrelated, func(_ int, prev int64, r *rand.Rand) int64 {
			if prev == 0 {
				prev = base
			}
			return min(cp, base+r.Int64N(3*prev-base))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.jitter, func(t *testing.T) {
			b := NewBackoff(&lang.Retry{Base: time.Duration(base), Cap: time.Duration(cp), Jitter: tt.jitter})
			s := b.Start()
			r, ref := newRand(5), newRand(5)
			prev := int64(0)
			for n := 1; n <= 8; n++ {
				got := s.Next(r)
				want := tt.want(n, prev, ref)
				if got != want {
					t.Fatalf("retry %d: delay %d, want %d", n, got, want)
				}
				prev = want
			}
		})
	}
}

func TestJitterBounds(t *testing.T) {
	base, cp := 10*ms, 2000*ms
	tests := []struct {
		jitter string
		bounds func(n int, prev int64) (lo, hi int64) // inclusive
	}{
		{lang.JitterFull, func(n int, _ int64) (int64, int64) { return 0, min(cp, base<<(n-1)) }},
		{lang.JitterEqual, func(n int, _ int64) (int64, int64) {
			e := min(cp, base<<(n-1))
			return e / 2, e
		}},
		{lang.JitterDecorrelated, func(_ int, prev int64) (int64, int64) {
			if prev == 0 {
				prev = base
			}
			return min(base, cp), min(cp, 3*prev)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.jitter, func(t *testing.T) {
			b := NewBackoff(&lang.Retry{Base: time.Duration(base), Cap: time.Duration(cp), Jitter: tt.jitter})
			r := newRand(3)
			sum := map[int]float64{}
			const calls = 4000
			for range calls {
				s := b.Start()
				prev := int64(0)
				for n := 1; n <= 10; n++ {
					d := s.Next(r)
					lo, hi := tt.bounds(n, prev)
					if d < lo || d > hi {
						t.Fatalf("retry %d: delay %d outside [%d, %d]", n, d, lo, hi)
					}
					sum[n] += float64(d)
					prev = d
				}
			}
			// Full and equal jitter have known means: e/2 and 3e/4.
			for n := 1; n <= 10; n++ {
				e := float64(min(cp, base<<(n-1)))
				m := sum[n] / calls
				var want float64
				switch tt.jitter {
				case lang.JitterFull:
					want = e / 2
				case lang.JitterEqual:
					want = 3 * e / 4
				default:
					continue
				}
				if m < 0.95*want || m > 1.05*want {
					t.Errorf("retry %d: mean delay %.0f, want %.0f ± 5%%", n, m, want)
				}
			}
		})
	}
}

func TestBackoffNilAndZeroState(t *testing.T) {
	b := NewBackoff(nil)
	s := b.Start()
	var z RetryState
	r := newRand(1)
	for range 3 {
		if d := s.Next(r); d != 0 {
			t.Fatalf("nil retry config gave delay %d", d)
		}
		if d := z.Next(r); d != 0 {
			t.Fatalf("zero RetryState gave delay %d", d)
		}
	}
	if z.Retries() != 3 {
		t.Errorf("zero state counted %d retries", z.Retries())
	}
}
