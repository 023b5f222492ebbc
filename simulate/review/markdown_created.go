package review

import (
	"fmt"
	"strings"

	"github.com/berth-dev/berth/internal/words"
	"github.com/berth-dev/berth/planner"
)

// A created block's attributes show under its line, as `name = value`
// code spans: on one sub-item up to maxInlineCreated characters, else in
// a collapsed <details>. At most maxCreatedChars of them, so that one
// block (a service with a dozen long flows) does not take the comment's
// budget (fitComment keeps whole entries): the rest is counted, and the
// JSON has them all.
const (
	maxInlineCreated = 160
	maxCreatedChars  = 1500
)

// createdAttrs is the markdown of a created block's attributes under its
// list entry; "" for another action.
func createdAttrs(c Change) string {
	if c.Action != planner.Create || len(c.Attributes) == 0 {
		return ""
	}
	var parts []string
	total := 0
	for i, a := range c.Attributes {
		p := code(a.Attribute + " = " + attrValue(a.After))
		if a.Sensitive {
			p = code(a.Attribute) + " (" + a.Message + ")"
		}
		if total+chars(p) > maxCreatedChars {
			parts = append(parts, fmt.Sprintf("… %d more: `berth diff --format json` lists them", len(c.Attributes)-i))
			break
		}
		parts, total = append(parts, p), total+chars(p)
	}
	line := strings.Join(parts, " · ")
	if chars(line) <= maxInlineCreated {
		return "  - " + line + "\n"
	}
	return fmt.Sprintf("  <details><summary>%s</summary>\n\n  %s\n\n  </details>\n\n", words.Count(len(c.Attributes), "attribute"), line)
}
