package jsonrange

import (
	"encoding/json"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

func TestFrom(t *testing.T) {
	if From(nil) != nil {
		t.Error("From(nil) is not nil")
	}
	r := &hcl.Range{Filename: "a.hcl", Start: hcl.Pos{Line: 2, Column: 3, Byte: 14}, End: hcl.Pos{Line: 2, Column: 9, Byte: 20}}
	b, err := json.Marshal(From(r))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"filename":"a.hcl","start":{"line":2,"column":3,"byte":14},"end":{"line":2,"column":9,"byte":20}}`
	if string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
}
