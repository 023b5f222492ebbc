package planner

import (
	"fmt"
	"testing"
)

// BenchmarkReconcile1000 plans 1,000 services (one container each, a
// network, each calling the one before) against an empty snapshot.
func BenchmarkReconcile1000(b *testing.B) {
	var desired []*Resource
	desired = append(desired, network("default"))
	for i := 0; i < 1000; i++ {
		rs := service(fmt.Sprintf("s%04d", i), 1, "bench/app:1", "default")
		rs[0].Attrs.Set("env", map[string]string{"LOG_LEVEL": "info"})
		if i > 0 {
			startAfter(rs, fmt.Sprintf("s%04d", i-1), 1)
		}
		desired = append(desired, rs...)
	}
	obs := &Observed{Project: "p"}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Reconcile("test", testSchema, desired, obs); err != nil {
			b.Fatal(err)
		}
	}
}
