package whatif

import (
	"errors"
	"fmt"
	"image/color"
	"io"
	"sort"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// ErrNothingToDraw is WriteChart's error when no configuration was
// simulated (every one was pruned by analysis): there is no point to draw.
var ErrNothingToDraw = errors.New("no configuration was simulated (every one was pruned by analysis, ρ ≥ 1), so there is nothing to draw")

var sloColor = color.RGBA{R: 0xcf, G: 0x22, B: 0x2e, A: 0xff}

// WriteChart draws the simulated trials as an SVG: p99 (ms) above and the
// error rate (%) below, against the varied dimension with the most values
// (or the load multiplier when no capacity varies), one line per
// combination of the other dimensions, with the SLO bounds as dashed red
// lines.
func (r *Result) WriteChart(w io.Writer) error {
	xName, xOf, group := r.chartAxes()
	series := map[string]plotter.XYs{}
	errs := map[string]plotter.XYs{}
	var order []string // groups in the trials' order (by value)
	for _, t := range r.Trials {
		if t.Status == StatusPruned {
			continue
		}
		g := group(t)
		if _, seen := series[g]; !seen {
			order = append(order, g)
		}
		series[g] = append(series[g], plotter.XY{X: xOf(t), Y: t.P99 * 1000})
		errs[g] = append(errs[g], plotter.XY{X: xOf(t), Y: t.ErrorRate * 100})
	}
	if len(series) == 0 {
		return ErrNothingToDraw
	}
	top := newPlot("p99 of the entry", xName, "p99 (ms)")
	bottom := newPlot("error rate of the entry", xName, "errors (%)")
	if err := addSeries(top, order, series); err != nil {
		return err
	}
	if err := addSeries(bottom, order, errs); err != nil {
		return err
	}
	addBound(top, r.P99Bound*1000, "SLO p99")
	if r.ErrorBound > 0 {
		addBound(bottom, r.ErrorBound*100, "SLO errors")
	}
	const width, height = 7 * vg.Inch, 7 * vg.Inch
	c := vgsvg.New(width, height)
	tiles := draw.Tiles{Rows: 2, Cols: 1, PadTop: 6, PadBottom: 6, PadLeft: 6, PadRight: 12, PadY: 18}
	plots := [][]*plot.Plot{{top}, {bottom}}
	canvases := plot.Align(plots, tiles, draw.New(c))
	top.Draw(canvases[0][0])
	bottom.Draw(canvases[1][0])
	_, err := c.WriteTo(w)
	return err
}

// chartAxes picks the x dimension and how trials group into lines.
func (r *Result) chartAxes() (string, func(*Trial) float64, func(*Trial) string) {
	if len(r.Dims) == 0 {
		return "load multiplier", func(t *Trial) float64 { return t.Scale }, func(*Trial) string { return "spec" }
	}
	xi := 0 // the bisected dimension: the most values, the last on a tie
	for i, d := range r.Dims {
		if len(d.Values) >= len(r.Dims[xi].Values) {
			xi = i
		}
	}
	group := func(t *Trial) string {
		var parts []string
		for i, d := range r.Dims {
			if i != xi {
				parts = append(parts, fmt.Sprintf("%s=%g", d.Name(), t.Values[i]))
			}
		}
		if len(r.Scales) > 1 {
			parts = append(parts, fmt.Sprintf("×%g", t.Scale))
		}
		if len(parts) == 0 {
			return r.Dims[xi].Name()
		}
		return strings.Join(parts, " ")
	}
	return r.Dims[xi].Name(), func(t *Trial) float64 { return t.Values[xi] }, group
}

func newPlot(title, x, y string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.X.Label.Text = x
	p.Y.Label.Text = y
	p.Y.Min = 0
	p.Add(plotter.NewGrid())
	p.Legend.Top = true
	p.Legend.TextStyle.Font.Size = vg.Points(8)
	p.Legend.ThumbnailWidth = vg.Points(14)
	return p
}

// addSeries adds one line with points per group, sorted by x.
func addSeries(p *plot.Plot, names []string, series map[string]plotter.XYs) error {
	for i, n := range names {
		xys := series[n]
		sort.Slice(xys, func(a, b int) bool { return xys[a].X < xys[b].X })
		l, s, err := plotter.NewLinePoints(xys)
		if err != nil {
			return err
		}
		l.Color = plotutil.Color(i)
		s.Color = plotutil.Color(i)
		s.Shape = plotutil.Shape(i)
		p.Add(l, s)
		if len(names) > 1 || n != "spec" {
			p.Legend.Add(n, l, s)
		}
	}
	return nil
}

// addBound draws a horizontal dashed line at y across the plot.
func addBound(p *plot.Plot, y float64, label string) {
	if y <= 0 {
		return
	}
	f := plotter.NewFunction(func(float64) float64 { return y })
	f.Color = sloColor
	f.Width = vg.Points(1.5)
	f.Dashes = []vg.Length{vg.Points(6), vg.Points(4)}
	p.Add(f)
	p.Legend.Add(label, f)
	if p.Y.Max < y*1.1 {
		p.Y.Max = y * 1.1
	}
}
