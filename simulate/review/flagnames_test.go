package review

import (
	"strings"
	"testing"
)

// TestUnknownFlagNames: --scenario or --load naming nothing on either
// side is an error (the review showed only the cost row, with no delta
// and no word why); a name one side has is fine.
func TestUnknownFlagNames(t *testing.T) {
	old := side(t, "old", shopDir, nil)
	new := side(t, "new", "shop", editedShop(t, "load.berth.hcl", `scenario "node-loss"`, `scenario "node-lost"`))
	tests := []struct {
		opts Options
		want string // "" for no error
	}{
		{Options{Scenarios: []string{"nope"}}, `--scenario nope names no scenario of either side.`},
		{Options{Scenarios: []string{"users-slw"}}, `Did you mean "users-slow"?`},
		{Options{Loads: []string{"peek"}}, `--load peek names no load of either side. Did you mean "peak"?`},
		{Options{Scenarios: []string{"node-loss"}}, ""},
		{Options{Scenarios: []string{"node-lost"}}, ""},
	}
	for _, tt := range tests {
		tt.opts.NoSimulation = true
		_, diags := Build(old, new, tt.opts)
		switch {
		case tt.want == "" && diags.HasErrors():
			t.Errorf("%+v: %v, want no error", tt.opts, diags)
		case tt.want != "" && (!diags.HasErrors() || !strings.Contains(diags[0].Detail, tt.want)):
			t.Errorf("%+v: %v, want an error with %q", tt.opts, diags, tt.want)
		}
	}
}
