package report

import (
	"html/template"
	"image/color"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/berth-dev/berth/simulate"
)

// utilRow is one service of the utilisation chart.
type utilRow struct {
	name    string
	workers float64
	cpu     float64 // 0 when resources.cpus sets no limit
}

// utilRows returns the services of run, the least busy first (the chart
// draws the first at the bottom, so the busiest is on top).
func utilRows(run *simulate.Report) []utilRow {
	var out []utilRow
	for name, m := range run.Services {
		if m == nil {
			continue
		}
		out = append(out, utilRow{name: name, workers: clamp01(m.Utilization), cpu: clamp01(m.CPUUtilization)})
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if ka, kb := max(a.workers, a.cpu), max(b.workers, b.cpu); ka != kb {
			return ka < kb
		}
		return a.name > b.name
	})
	return out
}

func clamp01(x float64) float64 { return min(1, max(0, finite(x))) }

// utilChart draws a horizontal bar per service for its workers' and its
// CPU's utilisation, each coloured by level.
func utilChart(run *simulate.Report) (template.HTML, error) {
	rows := utilRows(run)
	c := newChart("Utilisation per service", "utilisation (%)", "")
	c.h = vg.Length(40+26*len(rows)) + legendH
	names := make([]string, len(rows))
	for i, r := range rows {
		names[i] = r.name
	}
	c.p.NominalY(names...)
	restyle(&c.p.Y.Tick.Label, fontMd, colInk)
	c.p.X.Min, c.p.X.Max = 0, 112
	c.p.X.Tick.Marker = plot.ConstantTicks{{Value: 0, Label: "0"}, {Value: 25, Label: "25"}, {Value: 50, Label: "50"},
		{Value: 70, Label: "70"}, {Value: 90, Label: "90"}, {Value: 100, Label: "100"}}
	c.p.Add(&utilBars{rows: rows})
	c.legend = []legendItem{
		{text: "workers (upper bar)", thumb: swatch{colMuted}},
		{text: "CPU (lower bar)", thumb: swatch{tint(colMuted, 0.45)}},
		{text: "< 70 %", thumb: swatch{colGreen}},
		{text: "< 90 %", thumb: swatch{colAmber}},
		{text: "≥ 90 %", thumb: swatch{colRed}},
	}
	return c.svg()
}

// utilBars draws the bars of utilRows: workers above, CPU below, each
// with its value at its end, and dashed lines at the level thresholds.
type utilBars struct{ rows []utilRow }

func (b *utilBars) Plot(c draw.Canvas, p *plot.Plot) {
	trX, trY := p.Transforms(&c)
	for _, t := range []float64{levelMidFrom, levelHighFrom} {
		x := trX(t * 100)
		c.StrokeLine2(lineStyle(fade(colLevel[levelOf(t)], 0.7), 0.75, 3, 2), x, c.Min.Y, x, c.Max.Y)
	}
	if len(b.rows) == 0 {
		return
	}
	pitch := c.Max.Y - c.Min.Y
	if len(b.rows) > 1 {
		pitch = trY(1) - trY(0)
	}
	thick := min(10, pitch*0.32)
	for i, r := range b.rows {
		y := trY(float64(i))
		b.bar(c, trX, y+0.5, y+0.5+thick, r.workers, 1)
		if r.cpu > 0 {
			b.bar(c, trX, y-0.5-thick*0.7, y-0.5, r.cpu, 0.45)
		}
	}
}

func (b *utilBars) bar(c draw.Canvas, trX func(float64) vg.Length, y0, y1 vg.Length, u, alpha float64) {
	col := colLevel[levelOf(u)]
	x0, x1 := trX(0), trX(u*100)
	if x1-x0 < 1 {
		x1 = x0 + 1
	}
	c.FillPolygon(tint(col, alpha), []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}})
	sty := textStyle(fontSm-1, colMuted)
	sty.YAlign = draw.YCenter
	c.FillText(sty, vg.Point{X: x1 + 3, Y: (y0 + y1) / 2}, fmtPct(u))
}

// DataRange keeps the axes where utilChart set them.
func (b *utilBars) DataRange() (xmin, xmax, ymin, ymax float64) {
	return 0, 100, -0.5, float64(len(b.rows)) - 0.5
}

// swatch is a filled legend thumbnail.
type swatch struct{ c color.Color }

func (s swatch) Thumbnail(c *draw.Canvas) {
	c.FillPolygon(s.c, []vg.Point{c.Min, {X: c.Max.X, Y: c.Min.Y}, c.Max, {X: c.Min.X, Y: c.Max.Y}})
}
