package report

import (
	"fmt"
	"sort"
	"testing"

	"gonum.org/v1/plot/vg"
	"pgregory.net/rapid"
)

// TestPlaceLabelsNeverOverlap checks, for random markers, that no two
// labels of a lane overlap and that no marker's line crosses a label of a
// lane it runs through, as long as the lanes suffice.
func TestPlaceLabelsNeverOverlap(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		n := rapid.IntRange(0, 12).Draw(t, "n")
		var ms []marker
		for i := range n {
			ms = append(ms, marker{
				Time:  rapid.Float64Range(0, 60).Draw(t, fmt.Sprint("t", i)),
				Label: rapid.SampledFrom([]string{"kill orders/0", "node_down node 3", "healthy ×5", "restart", "breaker_open gateway→users ×3"}).Draw(t, fmt.Sprint("l", i)),
			})
		}
		sort.SliceStable(ms, func(i, j int) bool { return ms[i].Time < ms[j].Time })
		trX := func(x float64) vg.Length { return vg.Length(40 + x*11) }
		ps, lanes := placeLabels(ms, trX, 40, 700)
		if len(ps) != len(ms) {
			t.Fatalf("%d of %d markers placed", len(ps), len(ms))
		}
		if lanes > maxLanes {
			t.Fatalf("%d lanes, more than %d", lanes, maxLanes)
		}
		crowded := false
		for _, p := range ps {
			crowded = crowded || p.lane == maxLanes-1
		}
		if crowded {
			return // the last lane takes what does not fit; overlaps are accepted there
		}
		for i, p := range ps {
			if p.from < 0 || p.to > 700+0.5 && !p.right {
				t.Fatalf("label %q spans %v–%v, outside the chart", p.Label, p.from, p.to)
			}
			for j, q := range ps {
				if i == j {
					continue
				}
				if p.lane == q.lane && p.from < q.to && q.from < p.to {
					t.Fatalf("labels %q and %q overlap in lane %d", p.Label, q.Label, p.lane)
				}
				if q.lane > p.lane && q.from <= p.x && p.x <= q.to {
					t.Fatalf("the line of %q crosses the label %q", p.Label, q.Label)
				}
			}
		}
	})
}

func TestPlaceLabelsSkipsMarkersOffTheChart(t *testing.T) {
	trX := func(x float64) vg.Length { return vg.Length(x) }
	ps, lanes := placeLabels([]marker{{Time: -5, Label: "a"}, {Time: 50, Label: "b"}, {Time: 500, Label: "c"}}, trX, 0, 100)
	if len(ps) != 1 || ps[0].Label != "b" || lanes != 1 {
		t.Errorf("placed %v in %d lanes, want only b in 1 lane", ps, lanes)
	}
}

func TestPlaceLabelsFlipsAtTheRightEdge(t *testing.T) {
	trX := func(x float64) vg.Length { return vg.Length(x) }
	ps, _ := placeLabels([]marker{{Time: 99, Label: "a long label"}}, trX, 0, 100)
	if len(ps) != 1 || !ps[0].right || ps[0].to > 99 {
		t.Errorf("label at the right edge placed %+v, want it ending left of its line", ps)
	}
}
