// Package jsonrange is the JSON form of a source range that every command
// prints: {"filename", "start": {"line", "column", "byte"}, "end": {...}},
// shared by the diagnostics of validate and simulate and the findings of
// diff.
package jsonrange

import "github.com/hashicorp/hcl/v2"

// Range is an hcl.Range in JSON.
type Range struct {
	Filename string `json:"filename"`
	Start    Pos    `json:"start"`
	End      Pos    `json:"end"`
}

// Pos is an hcl.Pos in JSON.
type Pos struct {
	Line   int `json:"line"`
	Column int `json:"column"`
	Byte   int `json:"byte"`
}

// From returns r's JSON form, nil for nil.
func From(r *hcl.Range) *Range {
	if r == nil {
		return nil
	}
	return &Range{
		Filename: r.Filename,
		Start:    Pos{r.Start.Line, r.Start.Column, r.Start.Byte},
		End:      Pos{r.End.Line, r.End.Column, r.End.Byte},
	}
}
