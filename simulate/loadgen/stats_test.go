package loadgen

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/berth-dev/berth/backends/emulator"
	"github.com/berth-dev/berth/lang"
)

func TestStatsDelta(t *testing.T) {
	a := &emulator.Stats{Service: "api", Requests: 10, Errors: 1, Rejected: 2, Degraded: 3, Busy: 9,
		Links: map[string]emulator.LinkStats{"db": {Calls: 5, Attempts: 6, Retries: 1, Timeouts: 1}, "old": {Calls: 2}}}
	b := &emulator.Stats{Service: "api", Requests: 110, Errors: 3, Rejected: 2, Degraded: 4, Busy: 2,
		Links:  map[string]emulator.LinkStats{"db": {Calls: 105, Attempts: 110, Retries: 4, Timeouts: 2, Failures: 1}, "cache": {Calls: 7}},
		Queues: map[string]emulator.QueueStats{"q": {}}}
	want := &emulator.Stats{Service: "api", Requests: 100, Errors: 2, Degraded: 1, Busy: 2,
		Links: map[string]emulator.LinkStats{"db": {Calls: 100, Attempts: 104, Retries: 3, Timeouts: 1, Failures: 1}, "cache": {Calls: 7}}}
	if d := cmp.Diff(want, StatsDelta(a, b)); d != "" {
		t.Errorf("delta (-want +got):\n%s", d)
	}
	if b.Requests != 110 || b.Links["db"].Calls != 105 || b.Queues == nil {
		t.Errorf("b changed: %+v", b)
	}
}

// EntryStats reads an emulator's counters, and refuses a target that is
// not one.
func TestEntryStats(t *testing.T) {
	spec := testSpec(service("api", 2, lang.Const(time.Millisecond)))
	target := newStack(t).start(spec, "api")
	ctx := context.Background()
	st, err := EntryStats(ctx, target)
	if err != nil || st.Service != "api" {
		t.Fatalf("emulator stats %+v, %v", st, err)
	}
	other := server(t, func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte(`{"requests": 3}`)) })
	if _, err := EntryStats(ctx, other.Target); err == nil || !strings.Contains(err.Error(), "not berth's emulator") {
		t.Errorf("another server: %v", err)
	}
}
