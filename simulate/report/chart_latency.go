package report

import (
	"html/template"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/berth-dev/berth/simulate"
)

// bound is a latency bound checked on the entry, drawn as a horizontal
// line on the latency chart.
type bound struct {
	metric string
	value  float64 // seconds
}

// entryBounds returns the p50 and p99 bounds of run's verdicts on the
// entry (or on the entry service as a whole).
func entryBounds(run *simulate.Report, entrySvc string) []bound {
	var out []bound
	for _, v := range run.Verdicts {
		if v.Target != "entry" && (entrySvc == "" || v.Target != entrySvc) {
			continue
		}
		if v.Metric == "p50" || v.Metric == "p99" {
			out = append(out, bound{metric: v.Metric, value: finite(v.Bound)})
		}
	}
	return out
}

// offScale is how far above the data a bound may sit and still be drawn:
// a higher one would squash the lines to the bottom of the chart.
const offScale = 2.5

// latencyChart draws the entry's p50 and p99 of each interval in ms, the
// events, and the latency bounds of the run.
func latencyChart(run *simulate.Report, bounds []bound) (template.HTML, error) {
	pts := downsample(run.Entry.Series, maxChartPoints)
	ts := midTimes(pts, 0)
	c := timeChart("Entry latency over time (p50, p99)", "latency (ms)", run)
	top := 0.0
	for _, p := range pts {
		if hasAnswers(p) {
			top = max(top, finite(p.P99)*1000)
		}
	}
	p50 := func(p simulate.Point) float64 { return p.P50 }
	p99 := func(p simulate.Point) float64 { return p.P99 }
	if err := c.addLine("p50", segments(pts, ts, hasAnswers, p50, 1000), lineStyle(colP50, 1.5)); err != nil {
		return "", err
	}
	if err := c.addLine("p99", segments(pts, ts, hasAnswers, p99, 1000), lineStyle(colP99, 1.5)); err != nil {
		return "", err
	}
	dataTop := top
	for _, b := range bounds {
		ms := b.value * 1000
		h := &hline{y: ms, style: lineStyle(colBound, 1, 5, 3), label: b.metric + " bound " + fmtLatency(b.value)}
		if ms <= offScale*max(dataTop, 1e-9) {
			top = max(top, ms)
			c.p.Add(h)
		} else {
			h.label += " (above the chart)"
		}
		c.legend = append(c.legend, legendItem{text: h.label, thumb: h})
	}
	c.fitY(top)
	return c.svg()
}

// hline is a horizontal line across the data area at y, labelled at its
// right end.
type hline struct {
	y     float64
	style draw.LineStyle
	label string
}

func (h *hline) Plot(c draw.Canvas, p *plot.Plot) {
	_, trY := p.Transforms(&c)
	y := trY(h.y)
	c.StrokeLine2(h.style, c.Min.X, y, c.Max.X, y)
	sty := textStyle(fontSm, h.style.Color)
	sty.XAlign, sty.YAlign = draw.XRight, draw.YBottom
	c.FillText(sty, vg.Point{X: c.Max.X - 2, Y: y + 1}, h.label)
}

// Thumbnail draws the line in a legend.
func (h *hline) Thumbnail(c *draw.Canvas) {
	y := c.Center().Y
	c.StrokeLine2(h.style, c.Min.X, y, c.Max.X, y)
}

var _ plot.Plotter = (*hline)(nil)
