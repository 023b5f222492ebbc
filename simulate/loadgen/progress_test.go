package loadgen

import (
	"sync"
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

// A long test reports its progress every ProgressEvery: how far it is
// and what was sent and answered so far, counts that only grow and end
// at the result's.
func TestProgress(t *testing.T) {
	o := server(t, ok)
	o.Load = load(100, lang.ArrivalConstant, 1200*time.Millisecond)
	var mu sync.Mutex
	var got []Progress
	o.ProgressEvery = 250 * time.Millisecond
	o.Progress = func(p Progress) {
		mu.Lock()
		got = append(got, p)
		mu.Unlock()
	}
	res := run(t, o)
	mu.Lock()
	defer mu.Unlock()
	if len(got) < 3 || len(got) > 5 {
		t.Fatalf("%d progress reports over 1.2 s every 250 ms: %+v", len(got), got)
	}
	for i, p := range got {
		if p.Planned != 1200*time.Millisecond || p.Elapsed <= 0 || p.Elapsed > p.Planned {
			t.Errorf("report %d: elapsed %v of %v", i, p.Elapsed, p.Planned)
		}
		if p.Answered > p.Sent || p.Failed > p.Answered {
			t.Errorf("report %d: %+v", i, p)
		}
		if i > 0 && (p.Sent < got[i-1].Sent || p.Answered < got[i-1].Answered || p.Elapsed <= got[i-1].Elapsed) {
			t.Errorf("report %d went back: %+v after %+v", i, p, got[i-1])
		}
	}
	if last := got[len(got)-1]; last.Sent > res.Sent || last.Sent < 50 {
		t.Errorf("last report %+v, the test sent %d", last, res.Sent)
	}
}
