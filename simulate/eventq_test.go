package simulate

import (
	"math/rand/v2"
	"sort"
	"testing"
)

func TestEventQueueOrder(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var q eventQueue
	type key struct {
		at  int64
		arg uint32
	}
	var want []key
	for i := range 5000 {
		at := int64(r.IntN(300)) // many ties
		q.add(at, evTick, 0, 0, 0, uint32(i))
		want = append(want, key{at, uint32(i)})
		if i%7 == 0 { // interleave pops with pushes
			e := q.pop()
			for j, w := range want {
				if w.at < e.at || (w.at == e.at && w.arg < e.arg) {
					t.Fatalf("popped %v before %v", e.arg, want[j].arg)
				}
			}
			want = removeKey(want, key{e.at, e.arg})
		}
	}
	sort.Slice(want, func(i, j int) bool {
		return want[i].at < want[j].at || (want[i].at == want[j].at && want[i].arg < want[j].arg)
	})
	for _, w := range want {
		e := q.pop()
		if e.at != w.at || e.arg != w.arg {
			t.Fatalf("got (%d,%d), want (%d,%d)", e.at, e.arg, w.at, w.arg)
		}
	}
	if q.len() != 0 {
		t.Fatalf("queue not empty: %d", q.len())
	}
}

func removeKey[K comparable](s []K, k K) []K {
	for i, v := range s {
		if v == k {
			return append(s[:i], s[i+1:]...)
		}
	}
	return s
}

// BenchmarkEventQueue: hold model, 256 events in the queue, one pop and
// one push per iteration.
func BenchmarkEventQueue(b *testing.B) {
	r := rand.New(rand.NewPCG(1, 2))
	var q eventQueue
	for i := range 256 {
		q.add(int64(r.IntN(1e6)), evTick, 0, 0, 0, uint32(i))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e := q.pop()
		q.add(e.at+int64(r.IntN(1e6)), evTick, 0, 0, 0, 0)
	}
}

// TestEventQueueForms pushes and pops at random around the sizes where
// the queue changes between its slice and heap forms, and checks every
// pop against a sorted reference.
func TestEventQueueForms(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var q eventQueue
	var ref []event
	heaps, slices := 0, 0
	for step := range 200_000 {
		target := 1 + (step/500%6)*10 // sizes 1..51, crossing scanMin and scanMax
		if q.len() < target || (q.len() > 0 && r.IntN(2) == 0 && q.len() <= target) {
			q.add(int64(r.IntN(50)), evTick, 0, 0, 0, uint32(step))
			ref = append(ref, findKey(q.h, q.seq))
			continue
		}
		sort.Slice(ref, func(i, j int) bool { return before(&ref[i], &ref[j]) })
		if got := q.top(); *got != ref[0] {
			t.Fatalf("step %d: top %+v, want %+v", step, *got, ref[0])
		}
		if got := q.pop(); got != ref[0] {
			t.Fatalf("step %d: popped %+v, want %+v", step, got, ref[0])
		}
		ref = ref[1:]
		if q.heap {
			heaps++
		} else {
			slices++
		}
	}
	if heaps == 0 || slices == 0 {
		t.Fatalf("pops in heap form %d, in slice form %d: both forms must be exercised", heaps, slices)
	}
}

func findKey(h []event, seq uint64) event {
	for _, e := range h {
		if e.key>>16 == seq {
			return e
		}
	}
	return event{}
}
