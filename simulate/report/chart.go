package report

import (
	"bytes"
	"fmt"
	"html"
	"html/template"
	"image/color"
	"regexp"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Chart sizes in points; the page scales them to its width.
const (
	chartW  vg.Length = 760
	chartH  vg.Length = 250
	fontSm  vg.Length = 9
	fontMd  vg.Length = 10
	legendH vg.Length = 18
)

// chart is a gonum plot plus what the page draws around it: a row of
// legend entries above the plot and the labelled event markers between
// the legend and the data area.
type chart struct {
	p       *plot.Plot
	legend  []legendItem
	markers []marker
	w, h    vg.Length
	// title is the accessible name of the SVG.
	title string
}

type legendItem struct {
	text  string
	thumb plot.Thumbnailer
}

// newChart returns a chart with berth's axes, grid and fonts.
func newChart(title, xLabel, yLabel string) *chart {
	p := plot.New()
	p.BackgroundColor = color.White
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		restyle(&ax.Label.TextStyle, fontMd, colMuted)
		restyle(&ax.Tick.Label, fontSm, colMuted)
		ax.LineStyle.Color = colAxis
		ax.LineStyle.Width = 0.75
		ax.Tick.LineStyle.Color = colAxis
		ax.Tick.LineStyle.Width = 0.75
		ax.Padding = 2
	}
	p.X.Label.Text, p.Y.Label.Text = xLabel, yLabel
	p.X.Tick.Marker, p.Y.Tick.Marker = niceTicks{n: 10}, niceTicks{n: 5}
	g := plotter.NewGrid()
	g.Vertical.Color, g.Horizontal.Color = colGrid, colGrid
	g.Vertical.Width, g.Horizontal.Width = 0.5, 0.5
	p.Add(g)
	return &chart{p: p, w: chartW, h: chartH, title: title}
}

// sans is the charts' typeface. gonum measures text with its metrics;
// the page asks for it, or for a font with the same metrics (Arial).
var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

func textStyle(size vg.Length, c color.Color) text.Style {
	return text.Style{Color: c, Font: font.From(sans, size), Handler: plot.DefaultTextHandler}
}

// restyle sets the size and colour of sty, keeping its alignment.
func restyle(sty *text.Style, size vg.Length, c color.Color) {
	sty.Font = font.From(sans, size)
	sty.Color = c
}

func lineStyle(c color.Color, w vg.Length, dashes ...vg.Length) draw.LineStyle {
	return draw.LineStyle{Color: c, Width: w, Dashes: dashes}
}

// svg renders the chart as an inline <svg> element.
func (c *chart) svg() (template.HTML, error) {
	cv := vgsvg.New(c.w, c.h)
	dc := draw.New(cv)
	top := vg.Length(0)
	if len(c.legend) > 0 {
		top = legendH
	}
	// The x transform does not depend on the plot's height, so a first
	// data canvas places the marker labels; their lanes set the band.
	da := c.p.DataCanvas(draw.Crop(dc, 0, 0, 0, -top))
	trX, _ := c.p.Transforms(&da)
	placed, lanes := placeLabels(c.markers, trX, da.Min.X, dc.Max.X)
	band := vg.Length(lanes) * laneH
	if lanes > 0 {
		band += 4
	}
	plotC := draw.Crop(dc, 0, 0, 0, -(top + band))
	if err := drawPlot(c.p, plotC); err != nil {
		return "", err
	}
	da = c.p.DataCanvas(plotC)
	drawMarkers(dc, da, placed, da.Max.Y+band)
	drawLegend(dc, da.Min.X, dc.Max.Y-legendH+4, c.legend)
	var buf bytes.Buffer
	if _, err := cv.WriteTo(&buf); err != nil {
		return "", err
	}
	return inlineSVG(buf.Bytes(), c.title), nil
}

// drawPlot draws p, turning a panic of the plotting library (it panics
// on some degenerate inputs) into an error.
func drawPlot(p *plot.Plot, c draw.Canvas) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("drawing a chart: %v", r)
		}
	}()
	p.Draw(c)
	return nil
}

// drawLegend draws the entries left to right from (x, y).
func drawLegend(dc draw.Canvas, x, y vg.Length, items []legendItem) {
	sty := textStyle(fontSm, colInk)
	sty.YAlign = draw.YCenter
	const thumbW, thumbH = 18, 8
	for _, it := range items {
		box := draw.Canvas{Canvas: dc.Canvas, Rectangle: vg.Rectangle{
			Min: vg.Point{X: x, Y: y - thumbH/2}, Max: vg.Point{X: x + thumbW, Y: y + thumbH/2}}}
		it.thumb.Thumbnail(&box)
		x += thumbW + 4
		dc.FillText(sty, vg.Point{X: x, Y: y}, it.text)
		x += sty.Width(it.text) + 14
	}
}

var (
	svgProlog = regexp.MustCompile(`(?s)^.*?<svg `)
	svgSize   = regexp.MustCompile(`^<svg width="[^"]*" height="[^"]*"`)
	svgFont   = regexp.MustCompile(`font-family:Liberation Sans;`)
)

// fontStack is the family the charts ask for: Liberation Sans, whose
// metrics gonum measured the text with, or a font with the same metrics.
const fontStack = `font-family:'Liberation Sans',Arial,Helvetica,sans-serif;`

// inlineSVG turns vgsvg's standalone document into an element for the
// page: no XML prolog, no fixed size (CSS scales it to the column), a
// font stack with fallbacks, and an accessible name.
func inlineSVG(doc []byte, title string) template.HTML {
	s := svgProlog.ReplaceAllString(string(doc), "<svg ")
	s = svgFont.ReplaceAllLiteralString(s, fontStack)
	s = svgSize.ReplaceAllString(s, `<svg class="chart" role="img" aria-label="`+html.EscapeString(title)+`"`)
	return template.HTML(s)
}
