package report

import (
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// laneH is the height of one row of marker labels.
const laneH vg.Length = 12

// maxLanes caps the rows of marker labels above a chart.
const maxLanes = 5

// placed is a marker with its label's position: the line's x, the lane
// (0 is the top row) and the label's horizontal span.
type placed struct {
	marker
	x, from, to vg.Length
	lane        int
	right       bool // the label ends at the line instead of starting there
}

// placeLabels gives each marker a lane above the data area so that no
// label overlaps another label, and no marker's line (which runs from the
// data area up to its own lane) crosses a label of a lane below. Markers
// are taken left to right; lane 0 is the top row. It returns the markers
// inside [minX, maxX] and the number of lanes used.
func placeLabels(ms []marker, trX func(float64) vg.Length, minX, maxX vg.Length) ([]placed, int) {
	sty := textStyle(fontSm, colInk)
	var out []placed
	lanes := 0
	for _, m := range ms {
		x := trX(m.Time)
		if x < minX-0.5 || x > maxX+0.5 {
			continue
		}
		w := sty.Width(m.Label)
		p := placed{marker: m, x: x, from: x + 2, to: x + 2 + w}
		if p.to > maxX {
			p.right, p.from, p.to = true, x-2-w, x-2
		}
		p.lane = freeLane(out, p)
		lanes = max(lanes, p.lane+1)
		out = append(out, p)
	}
	return out, lanes
}

// freeLane returns the first lane where p fits, or the last lane.
func freeLane(done []placed, p placed) int {
	for lane := range maxLanes {
		p.lane = lane
		if fits(done, p) {
			return lane
		}
	}
	return maxLanes - 1
}

func fits(done []placed, p placed) bool {
	const gap = 6
	for _, q := range done {
		switch {
		case q.lane == p.lane && p.from < q.to+gap && q.from < p.to+gap:
			return false // labels overlap
		case q.lane > p.lane && q.from-1 <= p.x && p.x <= q.to+1:
			return false // p's line would cross q's label
		case q.lane < p.lane && p.from-1 <= q.x && q.x <= p.to+1:
			return false // q's line would cross p's label
		}
	}
	return true
}

// drawMarkers draws each marker's line, dashed across the data area and
// solid up to its label, and the label, in its category's colour. top is
// the top of the band of labels.
func drawMarkers(dc, da draw.Canvas, ps []placed, top vg.Length) {
	for _, p := range ps {
		col := categoryColor[p.Cat]
		baseline := top - vg.Length(p.lane+1)*laneH + 3
		dc.StrokeLine2(lineStyle(fade(col, 0.8), 1, 3, 2), p.x, da.Min.Y, p.x, da.Max.Y)
		dc.StrokeLine2(lineStyle(col, 1), p.x, da.Max.Y, p.x, baseline+laneH-3)
		sty := textStyle(fontSm, col)
		if p.right {
			sty.XAlign = draw.XRight
		}
		x := p.x + 2
		if p.right {
			x = p.x - 2
		}
		dc.FillText(sty, vg.Point{X: x, Y: baseline}, p.Label)
	}
}
