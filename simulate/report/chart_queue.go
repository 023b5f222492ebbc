package report

import (
	"html/template"
	"image/color"

	"gonum.org/v1/plot/plotter"

	"github.com/berth-dev/berth/simulate"
)

// seriesColors colour the lines of charts with one line per item.
var seriesColors = []color.RGBA{rgb(0x2f6fdb), rgb(0xe8590c), rgb(0x2b8a3e), rgb(0x8a3ffc), rgb(0xc2255c), rgb(0x0b7285), rgb(0x5f3dc4), rgb(0x868e96)}

// queueChart draws the backlog of each queue (per consuming service) over
// time, with the run's events. It returns "" when no queue has a series.
func queueChart(run *simulate.Report, keys []string) (template.HTML, error) {
	c := timeChart("Queue backlog over time", "messages waiting", run)
	top := 0.0
	n := 0
	for _, k := range keys {
		q := run.Queues[k]
		if q == nil || len(q.Series) == 0 {
			continue
		}
		xys := queueXYs(q.Series, maxChartPoints)
		for _, p := range xys {
			top = max(top, p.Y)
		}
		if err := c.addLine(k, []plotter.XYs{xys}, lineStyle(seriesColors[n%len(seriesColors)], 1.5)); err != nil {
			return "", err
		}
		n++
	}
	if n == 0 {
		return "", nil
	}
	c.h = 200
	c.fitY(max(top, 1))
	return c.svg()
}

// queueXYs returns the backlog at the end of each interval, keeping the
// largest of every k intervals when there are more than limit.
func queueXYs(ps []simulate.QueuePoint, limit int) plotter.XYs {
	k := 1
	if limit > 0 && len(ps) > limit {
		k = (len(ps) + limit - 1) / limit
	}
	var out plotter.XYs
	for i := 0; i < len(ps); i += k {
		var b int64
		end := min(i+k, len(ps))
		for _, p := range ps[i:end] {
			b = max(b, p.Backlog)
		}
		out = append(out, plotter.XY{X: finite(ps[end-1].Time), Y: float64(b)})
	}
	return out
}
