package report

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/berth-dev/berth/simulate"
)

// timeChart is a chart over the run's time axis: from 0 to the end of the
// load, the warm-up shaded, the run's events marked.
func timeChart(title, yLabel string, run *simulate.Report) *chart {
	c := newChart(title, "time (s)", yLabel)
	c.p.X.Min, c.p.X.Max = 0, max(finite(run.Duration), 1)
	c.p.Y.Min = 0
	if run.Warmup > 0 {
		c.p.Add(&span{from: 0, to: finite(run.Warmup), fill: colWarmup, label: "warm-up"})
	}
	c.markers = markersFor(run.Events, run.Duration)
	return c
}

// addLine adds the segments of one series as lines of one style, and
// one legend entry for them.
func (c *chart) addLine(name string, segs []plotter.XYs, sty draw.LineStyle) error {
	var first *plotter.Line
	for _, s := range segs {
		l, err := plotter.NewLine(s)
		if err != nil {
			return err
		}
		l.LineStyle = sty
		c.p.Add(l)
		if first == nil {
			first = l
		}
	}
	if first == nil {
		first = &plotter.Line{LineStyle: sty}
	}
	c.legend = append(c.legend, legendItem{text: name, thumb: first})
	return nil
}

// fitY sets the top of the y axis to leave a little room over the data.
func (c *chart) fitY(top float64) {
	if top <= 0 {
		top = 1
	}
	c.p.Y.Max = top * 1.08
}

// span shades the time range [from, to] across the data area, with a
// small label in its top-left corner.
type span struct {
	from, to float64
	fill     color.Color
	label    string
}

func (s *span) Plot(c draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&c)
	x0, x1 := max(trX(s.from), c.Min.X), min(trX(s.to), c.Max.X)
	if x1 <= x0 {
		return
	}
	c.FillPolygon(s.fill, []vg.Point{{X: x0, Y: c.Min.Y}, {X: x1, Y: c.Min.Y}, {X: x1, Y: c.Max.Y}, {X: x0, Y: c.Max.Y}})
	sty := textStyle(fontSm-1, colMuted)
	sty.YAlign = draw.YTop
	if sty.Width(s.label)+4 < x1-x0 {
		c.FillText(sty, vg.Point{X: x0 + 3, Y: c.Max.Y - 2}, s.label)
	}
}
