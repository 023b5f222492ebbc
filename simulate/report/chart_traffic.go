package report

import (
	"html/template"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/berth-dev/berth/simulate"
)

// trafficChart stacks the entry's answers per second: good answers,
// degraded answers and errors, with the arrivals as a dashed line over
// them.
func trafficChart(run *simulate.Report) (template.HTML, error) {
	pts := downsample(run.Entry.Series, maxChartPoints)
	ts := midTimes(pts, 0)
	c := timeChart("Entry traffic over time", "requests per second", run)
	good := func(p simulate.Point) float64 { return max(0, p.Throughput-p.Degraded) }
	served := func(p simulate.Point) float64 { return max(0, p.Throughput) }
	total := func(p simulate.Point) float64 { return served(p) + max(0, p.Errors) }
	top := 0.0
	for _, p := range pts {
		top = max(top, finite(total(p)), finite(p.Arrivals))
	}
	// Painted from the top layer down, each filled to the axis.
	layers := []struct {
		name string
		f    func(simulate.Point) float64
		col  color.RGBA
	}{
		{"errors", total, colErr},
		{"degraded", served, colDegr},
		{"answered", good, colOK},
	}
	var legend []legendItem
	for _, l := range layers {
		xys := segments(pts, ts, always, l.f, 1)
		if len(xys) == 0 {
			continue
		}
		line, err := plotter.NewLine(xys[0])
		if err != nil {
			return "", err
		}
		line.LineStyle = lineStyle(l.col, 0.75)
		line.StepStyle = plotter.MidStep
		line.FillColor = tint(l.col, 0.7)
		c.p.Add(line)
		legend = append([]legendItem{{text: l.name, thumb: line}}, legend...)
	}
	c.legend = legend
	arr := func(p simulate.Point) float64 { return p.Arrivals }
	if xys := segments(pts, ts, always, arr, 1); len(xys) > 0 {
		line, err := plotter.NewLine(xys[0])
		if err != nil {
			return "", err
		}
		line.LineStyle = lineStyle(colArrive, 1, 4, 2)
		line.StepStyle = plotter.MidStep
		c.p.Add(line)
		c.legend = append(c.legend, legendItem{text: "arrivals", thumb: line})
	}
	c.fitY(top)
	if lim := spikeLimit(pts); top > lim {
		c.p.Y.Max = lim
		c.p.Add(&spikes{pts: pts, total: total, limit: lim})
	}
	return c.svg()
}

// spikeLimit is the top of the traffic chart's y axis: one and a half
// times the highest arrival rate. Answers above it (a burst of errors when
// a fault is detected and the requests in flight fail at once) are cut
// and labelled, so they do not flatten the rest of the chart.
func spikeLimit(pts []simulate.Point) float64 {
	peak := 0.0
	for _, p := range pts {
		peak = max(peak, finite(p.Arrivals))
	}
	if peak <= 0 {
		return math.Inf(1)
	}
	return 1.5 * peak
}

// spikes labels the intervals whose answers go over the top of the chart
// with their value.
type spikes struct {
	pts   []simulate.Point
	total func(simulate.Point) float64
	limit float64
}

func (s *spikes) Plot(c draw.Canvas, p *plot.Plot) {
	trX, _ := p.Transforms(&c)
	sty := textStyle(fontSm, colInk)
	sty.YAlign = draw.YTop
	last := vg.Length(math.Inf(-1))
	for _, pt := range s.pts {
		v := finite(s.total(pt))
		// right of the interval's bar
		x := trX(pt.Time) + 3
		label := "↑ " + sig(v) + " /s"
		if v <= s.limit || x < last {
			continue
		}
		c.FillText(sty, vg.Point{X: x, Y: c.Max.Y - 2}, label)
		last = x + sty.Width(label) + 4
	}
}
