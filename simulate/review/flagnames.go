package review

import (
	"fmt"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/lang"
)

// checkFlagNames reports a --load or --scenario that names a load or
// scenario of neither side: it would select nothing to simulate, and the
// review would show no delta without saying why. A name that one side
// has (one added or removed by the change) is fine.
func checkFlagNames(old, new *lang.Spec, opts Options) hcl.Diagnostics {
	var diags hcl.Diagnostics
	check := func(kind string, given []string, declared func(*lang.Spec) []string) {
		set := map[string]bool{}
		for _, s := range []*lang.Spec{old, new} {
			for _, n := range declared(s) {
				set[n] = true
			}
		}
		all := make([]string, 0, len(set))
		for n := range set {
			all = append(all, n)
		}
		sort.Strings(all)
		for _, name := range given {
			if set[name] {
				continue
			}
			list := "Neither side declares a " + kind + "."
			if len(all) > 0 {
				list = fmt.Sprintf("The %ss of the two sides are: %s.", kind, strings.Join(all, ", "))
			}
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Unknown " + kind,
				Detail: fmt.Sprintf("--%s %s names no %s of either side.%s %s", kind, name, kind, lang.DidYouMean(name, all), list)})
		}
	}
	check("load", opts.Loads, func(s *lang.Spec) (out []string) {
		for _, l := range s.SortedLoads() {
			out = append(out, l.Name)
		}
		return out
	})
	check("scenario", opts.Scenarios, func(s *lang.Spec) (out []string) {
		for _, sc := range s.SortedScenarios() {
			out = append(out, sc.Name)
		}
		return out
	})
	return diags
}
