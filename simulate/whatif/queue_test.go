package whatif

import (
	"strings"
	"testing"
)

// A deeper queue trades rejections for latency, so no result decides
// another with a different queue value; replicas, workers and cpus
// still decide by dominance, and a search of queue alone sweeps it.
func TestQueueIsNotMonotone(t *testing.T) {
	replicas := Dimension{Service: "orders", Attr: "replicas", Values: []float64{1, 2, 3}}
	queue := Dimension{Service: "orders", Attr: "queue", Values: []float64{8, 64, 512}}
	s := &searcher{opts: Options{Dims: []Dimension{replicas, queue}}}
	s.decided = []decided{
		{config{idx: []int{1, 1}}, true},  // 2 replicas, queue 64: pass
		{config{idx: []int{0, 0}}, false}, // 1 replica, queue 8: fail
	}
	for _, tc := range []struct {
		idx      []int
		pass, ok bool
	}{
		{[]int{2, 1}, true, true},   // more replicas, same queue: passes
		{[]int{1, 2}, false, false}, // same replicas, deeper queue: unknown
		{[]int{2, 2}, false, false}, // more replicas, deeper queue: unknown
		{[]int{0, 1}, false, false}, // the failing one's replicas, another queue: unknown
		{[]int{0, 0}, false, true},  // the failing one itself
	} {
		pass, ok := s.infer(config{idx: tc.idx})
		if pass != tc.pass || ok != tc.ok {
			t.Errorf("infer(%v) = %v, %v; want %v, %v", tc.idx, pass, ok, tc.pass, tc.ok)
		}
	}
	if got := s.bisectDim(); got != 0 {
		t.Errorf("bisectDim = %d, want 0 (replicas, not the longer-or-equal queue)", got)
	}
	only := &searcher{opts: Options{Dims: []Dimension{queue}}}
	if got := only.bisectDim(); got != -1 {
		t.Errorf("bisectDim with only queue = %d, want -1 (sweep)", got)
	}
	for _, d := range []Dimension{replicas, {Attr: "workers"}, {Attr: "cpus"}} {
		if !d.Monotone() {
			t.Errorf("%s is not monotone", d.Attr)
		}
	}
}

func TestDecidedCountPlural(t *testing.T) {
	for n, want := range map[int]string{1: "\n1 configuration decided:", 2: "\n2 configurations decided:"} {
		r := &Result{Dims: []Dimension{{Service: "a", Attr: "replicas"}}, Scales: []float64{1}, Original: []float64{1}}
		for range n {
			r.Trials = append(r.Trials, &Trial{Values: []float64{1}, Status: StatusPass})
		}
		r.Simulations = n
		var b strings.Builder
		if err := r.WriteText(&b); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(b.String(), want) {
			t.Errorf("%d trials: the text lacks %q:\n%s", n, want, b.String())
		}
	}
}
