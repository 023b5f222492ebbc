package policy

import (
	"math"
	"slices"
	"testing"

	"github.com/berth-dev/berth/lang"
)

func balancer(t *testing.T, kind string) Balancer {
	t.Helper()
	b, err := NewBalancer(kind)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func loads(l ...int) func(int) int { return func(i int) int { return l[i] } }

func TestRoundRobinCycles(t *testing.T) {
	b := balancer(t, lang.LBRoundRobin)
	var got []int
	for range 7 {
		got = append(got, b.Pick([]int{3, 5, 8}, nil, nil))
	}
	if want := []int{3, 5, 8, 3, 5, 8, 3}; !slices.Equal(got, want) {
		t.Fatalf("picks %v, want %v", got, want)
	}
	// A replica leaves: the counter (7 picks so far) carries on over the new
	// set, 7 mod 2 = 1.
	if got := b.Pick([]int{3, 8}, nil, nil); got != 8 {
		t.Fatalf("pick over a smaller set = %d, want 8", got)
	}
}

func TestRoundRobinEven(t *testing.T) {
	b := balancer(t, "") // default
	count := map[int]int{}
	for range 300 {
		count[b.Pick([]int{0, 1, 2}, nil, nil)]++
	}
	for i := range 3 {
		if count[i] != 100 {
			t.Fatalf("replica %d picked %d times of 300", i, count[i])
		}
	}
}

func TestRandomRoughlyUniform(t *testing.T) {
	b := balancer(t, lang.LBRandom)
	r := newRand(4)
	cands := []int{0, 1, 2, 3}
	const n = 40_000
	count := make([]int, 4)
	for range n {
		count[b.Pick(cands, nil, r)]++
	}
	chi2 := 0.0
	for _, c := range count {
		d := float64(c) - n/4
		chi2 += d * d / (n / 4)
	}
	if chi2 > 16.27 { // χ²(3) at p = 0.001
		t.Fatalf("counts %v: χ² = %.1f", count, chi2)
	}
}

func TestLeastRequestPicksMin(t *testing.T) {
	tests := []struct {
		load []int
		ok   []int // acceptable picks
	}{
		{[]int{3, 1, 2, 4}, []int{1}},
		{[]int{3, 1, 2, 1}, []int{1, 3}},
		{[]int{0, 0, 0}, []int{0, 1, 2}},
		{[]int{9}, []int{0}},
	}
	for _, tt := range tests {
		b := balancer(t, lang.LBLeastRequest)
		cands := make([]int, len(tt.load))
		for i := range cands {
			cands[i] = i
		}
		for range 10 {
			if got := b.Pick(cands, loads(tt.load...), nil); !slices.Contains(tt.ok, got) {
				t.Fatalf("loads %v: picked %d, want one of %v", tt.load, got, tt.ok)
			}
		}
	}
}

func TestLeastRequestTiesRotate(t *testing.T) {
	b := balancer(t, lang.LBLeastRequest)
	var got []int
	for range 6 {
		got = append(got, b.Pick([]int{0, 1, 2}, loads(0, 0, 0), nil))
	}
	if want := []int{0, 1, 2, 0, 1, 2}; !slices.Equal(got, want) {
		t.Fatalf("idle picks %v, want %v", got, want)
	}
	got = got[:0]
	for range 4 {
		got = append(got, b.Pick([]int{0, 1, 2, 3}, loads(2, 1, 5, 1), nil))
	}
	for _, g := range got {
		if g != 1 && g != 3 {
			t.Fatalf("tie picks %v, want only 1 and 3", got)
		}
	}
	if !slices.Contains(got, 1) || !slices.Contains(got, 3) {
		t.Fatalf("ties not shared: %v", got)
	}
}

// p2c over loads 0, 5, 9: the most loaded always loses; each pair is
// equally likely, so the least loaded wins 2/3 of the time.
func TestP2C(t *testing.T) {
	b := balancer(t, lang.LBP2C)
	r := newRand(8)
	const n = 30_000
	count := make([]int, 3)
	for range n {
		count[b.Pick([]int{0, 1, 2}, loads(0, 5, 9), r)]++
	}
	if count[2] != 0 {
		t.Fatalf("the most loaded replica was picked %d times", count[2])
	}
	if f := float64(count[0]) / n; math.Abs(f-2.0/3) > 0.015 {
		t.Fatalf("least loaded picked %.3f of the time, want 2/3", f)
	}
	// With two candidates p2c compares both, so it always takes the lesser.
	for range 100 {
		if got := b.Pick([]int{4, 7}, func(i int) int { return map[int]int{4: 3, 7: 1}[i] }, r); got != 7 {
			t.Fatalf("picked %d of two", got)
		}
	}
}

func TestPickEmptyAndSingle(t *testing.T) {
	for _, k := range []string{lang.LBRoundRobin, lang.LBRandom, lang.LBLeastRequest, lang.LBP2C} {
		b := balancer(t, k)
		if got := b.Pick(nil, nil, nil); got != -1 {
			t.Errorf("%s: Pick(empty) = %d", k, got)
		}
		if got := b.Pick([]int{6}, nil, nil); got != 6 {
			t.Errorf("%s: Pick([6]) = %d", k, got)
		}
	}
	if _, err := NewBalancer("ring_hash"); err == nil {
		t.Error("unknown policy accepted")
	}
}

func TestPickDeterministic(t *testing.T) {
	for _, k := range []string{lang.LBRandom, lang.LBP2C} {
		seq := func() []int {
			b := balancer(t, k)
			r := newRand(21)
			var s []int
			for range 50 {
				s = append(s, b.Pick([]int{0, 1, 2, 3, 4}, loads(1, 0, 2, 0, 1), r))
			}
			return s
		}
		if a, b := seq(), seq(); !slices.Equal(a, b) {
			t.Errorf("%s: same seed, different picks", k)
		}
	}
}
