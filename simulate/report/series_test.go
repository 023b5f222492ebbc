package report

import (
	"math"
	"testing"

	"github.com/berth-dev/berth/simulate"
)

func TestDownsample(t *testing.T) {
	in := make([]simulate.Point, 1000)
	for i := range in {
		in[i] = simulate.Point{Time: float64(i + 1), Arrivals: 100, Throughput: float64(i % 10), P50: 0.01, P99: 0.02}
	}
	in[537].P99 = 3 // a spike must survive the merge
	out := downsample(in, 300)
	if len(out) > 300 || len(out) < 250 {
		t.Fatalf("%d points, want at most 300 and not far below", len(out))
	}
	if last := out[len(out)-1]; last.Time != 1000 {
		t.Errorf("the last point ends at %g, want 1000", last.Time)
	}
	spike := 0.0
	for _, p := range out {
		spike = math.Max(spike, p.P99)
		if math.Abs(p.Arrivals-100) > 1e-9 {
			t.Fatalf("merged arrival rate %g, want 100 (rates are averaged)", p.Arrivals)
		}
	}
	if spike != 3 {
		t.Errorf("largest p99 after merging %g, want the spike 3", spike)
	}
	if got := downsample(in[:10], 300); len(got) != 10 {
		t.Errorf("a short series was merged into %d points", len(got))
	}
}

func TestDownsampleIgnoresSilentIntervalsInTheMedian(t *testing.T) {
	in := []simulate.Point{{Time: 1, Throughput: 10, P50: 0.1}, {Time: 2}, {Time: 3, Throughput: 10, P50: 0.3}}
	out := downsample(in, 1)
	if len(out) != 1 || math.Abs(out[0].P50-0.2) > 1e-12 {
		t.Errorf("merged p50 %v, want 0.2: an interval without answers has no median", out)
	}
}

func TestSegmentsBreakWhereUndefined(t *testing.T) {
	ps := []simulate.Point{{Time: 1, Throughput: 1, P99: 0.1}, {Time: 2}, {Time: 3, Throughput: 1, P99: 0.2}, {Time: 4, Errors: 1, P99: math.NaN()}}
	segs := segments(ps, midTimes(ps, 0), hasAnswers, func(p simulate.Point) float64 { return p.P99 }, 1000)
	if len(segs) != 2 || len(segs[0]) != 1 || len(segs[1]) != 2 {
		t.Fatalf("segments = %v, want [1 point] [2 points]", segs)
	}
	if segs[0][0].X != 0.5 || segs[0][0].Y != 100 {
		t.Errorf("first point %v, want (0.5, 100): the middle of the interval, in ms", segs[0][0])
	}
	if segs[1][1].Y != 0 {
		t.Errorf("NaN was drawn as %g, want 0", segs[1][1].Y)
	}
}

func TestUpStepsHoldFromTheEndOfTheInterval(t *testing.T) {
	ps := []simulate.Point{{Time: 1, Up: 2}, {Time: 2, Up: 1}, {Time: 3, Up: 2}}
	got := thinSteps(upSteps(ps, 3))
	want := []struct{ x, y float64 }{{0, 2}, {2, 2}, {2, 1}, {3, 1}, {3, 2}, {3, 2}}
	if len(got) != len(want) {
		t.Fatalf("steps %v, want %v", got, want)
	}
	for i, w := range want {
		if got[i].X != w.x || got[i].Y != w.y {
			t.Fatalf("steps %v, want %v: the drop seen at the end of (1, 2] shows from 2 s", got, want)
		}
	}
}
