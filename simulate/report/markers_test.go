package report

import (
	"reflect"
	"testing"

	"github.com/berth-dev/berth/simulate"
)

func TestMarkersGroupNearbyEventsOfAKind(t *testing.T) {
	evs := []simulate.FaultEvent{
		{Time: 40, Kind: "rescheduled", Service: "cache", Replica: ip(0)},
		{Time: 20, Kind: "node_down", Node: ip(3)},
		{Time: 30.0007, Kind: "breaker_open", Service: "gateway", Replica: ip(1), Detail: "to products"},
		{Time: 30.0097, Kind: "breaker_open", Service: "gateway", Replica: ip(0), Detail: "to products"},
		{Time: 30.013, Kind: "breaker_open", Service: "gateway", Replica: ip(0), Detail: "to users"},
		{Time: 35, Kind: "node_detected", Node: ip(3)},
		{Time: 40, Kind: "rescheduled", Service: "gateway", Replica: ip(2)},
		{Time: 40, Kind: "rescheduled", Service: "orders", Replica: ip(0)},
		{Time: 42, Kind: "kill", Service: "orders", Replica: ip(0)},
		{Time: 42.1, Kind: "kill", Service: "orders", Replica: ip(1)},
		{Time: 50, Kind: "kill", Service: "orders", Replica: ip(0)}, // outside the window: its own marker
	}
	got := markersFor(evs, 60)
	want := []marker{
		{20, "node_down node 3", catFault},
		{30.0007, "breaker_open gateway ×3", catBreaker},
		{35, "node_detected node 3", catDetect},
		{40, "rescheduled ×3", catRecover},
		{42, "kill orders ×2", catFault},
		{50, "kill orders/0", catFault},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("markers:\n got %v\nwant %v", got, want)
	}
}

func TestMarkersAreCapped(t *testing.T) {
	var evs []simulate.FaultEvent
	for i := range 200 {
		evs = append(evs, simulate.FaultEvent{Time: float64(i), Kind: "breaker_open", Service: "a", Detail: "to b"})
	}
	if got := markersFor(evs, 200); len(got) != maxMarkers {
		t.Errorf("%d markers, want the cap %d", len(got), maxMarkers)
	}
}

func TestSubject(t *testing.T) {
	tests := []struct {
		e    simulate.FaultEvent
		want string
	}{
		{simulate.FaultEvent{Kind: "breaker_open", Service: "gateway", Detail: "to users"}, "gateway→users"},
		{simulate.FaultEvent{Kind: "partition", Service: "a", Detail: "with b"}, "a↮b"},
		{simulate.FaultEvent{Kind: "kill", Service: "orders", Replica: ip(1)}, "orders/1"},
		{simulate.FaultEvent{Kind: "slow", Service: "users"}, "users"},
		{simulate.FaultEvent{Kind: "node_up", Node: ip(2)}, "node 2"},
		{simulate.FaultEvent{Kind: "mystery"}, ""},
	}
	for _, tt := range tests {
		if got := subject(tt.e); got != tt.want {
			t.Errorf("subject(%+v) = %q, want %q", tt.e, got, tt.want)
		}
	}
}
