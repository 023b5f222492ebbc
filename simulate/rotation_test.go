package simulate

import (
	"slices"
	"testing"
	"time"
)

// TestRotationManyReplicas: starting the replicas of a large service costs
// time in proportion to their number. Rebuilding the rotation on every
// start made it quadratic: 40 000 replicas took about 20 s before the
// first event (60 000: over a minute).
//
// The bound is on the CPU time the process used, not the wall clock: the
// work is all CPU, and a busy machine stretches the wall clock alone (40
// CPU burners here: 2.06 s of wall clock for 0.03 s idle).
func TestRotationManyReplicas(t *testing.T) {
	sp := newSpec()
	addService(sp, "api", 40_000, 1, 0, pd(t, "const(1ms)"))
	addLoad(sp, "l", "api", 10, time.Second, 0)
	start, cpu0 := time.Now(), cpuNow()
	s, diags := newSim(sp, Case{Load: "l"}, 1, Options{Seed: 1})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if cpu, el := time.Duration(cpuNow()-cpu0), time.Since(start); cpu > 3*time.Second {
		t.Errorf("starting 40000 replicas took %s of CPU (%s of wall clock); want well under 3s", cpu, el)
	}
	rot := s.byName["api"].rotation
	if len(rot) != 40_000 || !slices.IsSorted(rot) {
		t.Errorf("rotation holds %d replicas (sorted: %v), want 40000 sorted", len(rot), slices.IsSorted(rot))
	}
}

// TestRotationInOut: taking replicas out of rotation and back keeps the
// rotation sorted and exactly the replicas in it.
func TestRotationInOut(t *testing.T) {
	sp := newSpec()
	addService(sp, "api", 6, 1, 0, pd(t, "const(1ms)"))
	addLoad(sp, "l", "api", 10, time.Second, 0)
	s, diags := newSim(sp, Case{Load: "l"}, 1, Options{Seed: 1})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	svc := s.byName["api"]
	steps := []struct {
		idx  int
		in   bool
		want []int
	}{
		{3, false, []int{0, 1, 2, 4, 5}},
		{0, false, []int{1, 2, 4, 5}},
		{0, false, []int{1, 2, 4, 5}},
		{3, true, []int{1, 2, 3, 4, 5}},
		{5, false, []int{1, 2, 3, 4}},
		{0, true, []int{0, 1, 2, 3, 4}},
		{5, true, []int{0, 1, 2, 3, 4, 5}},
	}
	for i, st := range steps {
		s.setRotation(svc.replicas[st.idx], st.in)
		if !slices.Equal(svc.rotation, st.want) {
			t.Fatalf("step %d (replica %d in=%v): rotation %v, want %v", i, st.idx, st.in, svc.rotation, st.want)
		}
	}
}
