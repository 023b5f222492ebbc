package policy

import (
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

func TestBulkhead(t *testing.T) {
	b := NewBulkhead(&lang.Bulkhead{MaxConcurrent: 2})
	steps := []struct {
		op       string // acquire | release
		ok       bool
		inUse    int
		rejected int64
	}{
		{"acquire", true, 1, 0},
		{"acquire", true, 2, 0},
		{"acquire", false, 2, 1},
		{"release", true, 1, 1},
		{"acquire", true, 2, 1},
		{"release", true, 1, 1},
		{"release", true, 0, 1},
		{"release", true, 0, 1}, // never below zero
	}
	for i, s := range steps {
		ok := true
		if s.op == "acquire" {
			ok = b.TryAcquire()
		} else {
			b.Release()
		}
		if ok != s.ok || b.InUse() != s.inUse || b.Rejected() != s.rejected {
			t.Fatalf("step %d %s: ok %v in use %d rejected %d; want %v %d %d", i, s.op, ok, b.InUse(), b.Rejected(), s.ok, s.inUse, s.rejected)
		}
	}
}

func TestBulkheadMaxWait(t *testing.T) {
	b := NewBulkhead(&lang.Bulkhead{MaxConcurrent: 1, MaxWait: 10 * time.Millisecond})
	if b.MaxWait() != 10*ms || b.Max() != 1 {
		t.Fatalf("max wait %d, max %d", b.MaxWait(), b.Max())
	}
	b.TryAcquire()
	if b.TryAcquire() || b.Rejected() != 0 {
		t.Fatal("a full bulkhead with max_wait must refuse without counting a rejection")
	}
	b.Reject() // the caller's wait ran out
	if b.Rejected() != 1 {
		t.Fatalf("rejected = %d", b.Rejected())
	}
}

func TestBulkheadDefaultsAndNil(t *testing.T) {
	b := NewBulkhead(&lang.Bulkhead{})
	for range DefaultMaxConcurrent {
		if !b.TryAcquire() {
			t.Fatal("refused below the default size")
		}
	}
	if b.TryAcquire() {
		t.Fatal("admitted over the default size")
	}
	nb := NewBulkhead(nil)
	for range 1000 {
		if !nb.TryAcquire() {
			t.Fatal("nil bulkhead refused")
		}
	}
	nb.Release()
	nb.Reject()
	if nb.InUse() != 0 || nb.Rejected() != 0 || nb.Max() != 0 || nb.MaxWait() != 0 {
		t.Fatal("nil bulkhead counted")
	}
}
