package report

import (
	"fmt"
	"image/color"
)

// The page's palette (light mode). Levels colour utilisation: green below
// 70 %, amber below 90 %, red from 90 %.
var (
	colInk     = rgb(0x1f2328)
	colMuted   = rgb(0x59636e)
	colAxis    = rgb(0x8c959f)
	colGrid    = rgb(0xe6e9ed)
	colP50     = rgb(0x2f6fdb)
	colP99     = rgb(0x8a3ffc)
	colOK      = rgb(0x5b8fd9)
	colDegr    = rgb(0xf0a830)
	colErr     = rgb(0xd93025)
	colArrive  = rgb(0x6e7781)
	colBound   = rgb(0xb42318)
	colWarmup  = color.RGBA{R: 0xf2, G: 0xf3, B: 0xf5, A: 0xff}
	colGreen   = rgb(0x2da44e)
	colAmber   = rgb(0xd4a72c)
	colRed     = rgb(0xd93025)
	colLevelBg = map[level]color.RGBA{levelLow: rgb(0xe8f5ec), levelMid: rgb(0xfff5d6), levelHigh: rgb(0xfde7e6)}
	colLevel   = map[level]color.RGBA{levelLow: colGreen, levelMid: colAmber, levelHigh: colRed}
)

// level is a band of utilisation.
type level int

const (
	levelLow  level = iota // < 0.7
	levelMid               // < 0.9
	levelHigh              // ≥ 0.9
)

// Thresholds of the utilisation levels.
const (
	levelMidFrom  = 0.7
	levelHighFrom = 0.9
)

func levelOf(u float64) level {
	switch {
	case u >= levelHighFrom:
		return levelHigh
	case u >= levelMidFrom:
		return levelMid
	}
	return levelLow
}

// class is the CSS class of a level.
func (l level) class() string { return [...]string{"low", "mid", "high"}[l] }

func rgb(v uint32) color.RGBA {
	return color.RGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}
}

// hex returns the CSS notation of c.
func hex(c color.Color) string {
	r, g, b, _ := c.RGBA()
	return fmt.Sprintf("#%02x%02x%02x", r>>8, g>>8, b>>8)
}

// tint returns the opaque colour of c at strength a (0–1) over white, so
// overlapping fills do not mix.
func tint(c color.RGBA, a float64) color.RGBA {
	m := func(v uint8) uint8 { return uint8(float64(v)*a + 255*(1-a) + 0.5) }
	return color.RGBA{R: m(c.R), G: m(c.G), B: m(c.B), A: 0xff}
}

// fade returns c with alpha a (0–1), premultiplied as image/color wants.
func fade(c color.RGBA, a float64) color.RGBA {
	m := func(v uint8) uint8 { return uint8(float64(v)*a + 0.5) }
	return color.RGBA{R: m(c.R), G: m(c.G), B: m(c.B), A: m(0xff)}
}
