package lang

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/zclconf/go-cty/cty"
)

// typeHint says how to write a string an attribute of type ty could not
// take: a percentage as a fraction ("10%": 0.1), a number or a bool
// without quotes. "" when v is not a string or there is nothing to add.
func typeHint(name string, v cty.Value, ty cty.Type) string {
	if v.Type() != cty.String || !v.IsKnown() || v.IsNull() {
		return ""
	}
	s := strings.TrimSpace(v.AsString())
	switch ty {
	case cty.Number:
		if pct, ok := strings.CutSuffix(s, "%"); ok {
			if f, err := strconv.ParseFloat(strings.TrimSpace(pct), 64); err == nil {
				return fmt.Sprintf(" A share is written as a fraction, without quotes: %s = %s for %s.", name, strconv.FormatFloat(f/100, 'g', -1, 64), s)
			}
		}
		if host, target, ok := strings.Cut(s, ":"); ok && isDigits(host) && isDigits(target) {
			return fmt.Sprintf(" Compose's \"HOST:CONTAINER\" is two arguments here: published = %s and target = %s.", host, target)
		}
		return fmt.Sprintf(" Write a number without quotes, like %s = 3.", name)
	case cty.Bool:
		return fmt.Sprintf(" Write true or false without quotes, like %s = true.", name)
	}
	return ""
}

func isDigits(s string) bool {
	_, err := strconv.ParseUint(s, 10, 32)
	return err == nil
}
