package report

import (
	"html/template"

	"gonum.org/v1/plot/plotter"

	"github.com/berth-dev/berth/simulate"
)

// replicasChart draws, for each service whose number of replicas in
// rotation changed during the run, that number over time as a step line:
// the failover seen from the load balancer. It returns "" when no service
// changed.
func replicasChart(run *simulate.Report) (template.HTML, error) {
	c := timeChart("Replicas in rotation over time", "replicas in rotation", run)
	top, n := 0, 0
	for _, name := range sortedKeys(run.Services) {
		m := run.Services[name]
		if m == nil || !upChanges(m.Series) {
			continue
		}
		xys := upSteps(m.Series, run.Duration)
		for _, p := range m.Series {
			top = max(top, p.Up)
		}
		if err := c.addLine(name, []plotter.XYs{thinSteps(xys)}, lineStyle(seriesColors[n%len(seriesColors)], 1.75)); err != nil {
			return "", err
		}
		n++
	}
	if n == 0 {
		return "", nil
	}
	c.h = 200
	c.p.Y.Tick.Marker = niceTicks{n: min(top+1, 6)}
	c.p.Y.Max = float64(top)*1.1 + 0.4
	return c.svg()
}

// upSteps is the step line of the replicas in rotation. A point's Up is
// the count at the end of its interval, so it holds from there until the
// next point's end; the first count is drawn back to 0.
func upSteps(ps []simulate.Point, end float64) plotter.XYs {
	var xys plotter.XYs
	for i, p := range ps {
		from, to := finite(p.Time), finite(end)
		if i == 0 {
			xys = append(xys, plotter.XY{X: 0, Y: float64(p.Up)})
		}
		if i+1 < len(ps) {
			to = finite(ps[i+1].Time)
		}
		xys = append(xys, plotter.XY{X: from, Y: float64(p.Up)}, plotter.XY{X: max(from, to), Y: float64(p.Up)})
	}
	return xys
}

// upChanges reports whether the replicas in rotation changed (the first
// interval, while replicas start, does not count).
func upChanges(ps []simulate.Point) bool {
	for i := 2; i < len(ps); i++ {
		if ps[i].Up != ps[i-1].Up {
			return true
		}
	}
	return false
}

// thinSteps drops the corners of a step line that lie on a flat run, so a
// long run draws a few segments instead of two per interval.
func thinSteps(xys plotter.XYs) plotter.XYs {
	if len(xys) < 3 {
		return xys
	}
	out := plotter.XYs{xys[0]}
	for i := 1; i < len(xys)-1; i++ {
		if xys[i].Y == xys[i-1].Y && xys[i].Y == xys[i+1].Y {
			continue
		}
		out = append(out, xys[i])
	}
	return append(out, xys[len(xys)-1])
}
