package review

import (
	"fmt"
	"slices"
	"strings"

	"github.com/berth-dev/berth/internal/words"
	"github.com/berth-dev/berth/planner"
)

// A created block's attributes show under its line, as `name = value`
// code spans: those the block writes on one sub-item up to
// maxInlineCreated characters, else in a collapsed <details>; the
// defaults it does not write always collapsed apart, marked as defaults,
// so that they do not bury what the author wrote. At most
// maxCreatedChars of them, so that one block (a service with a dozen
// long flows) does not take the comment's budget (fitComment keeps whole
// entries): the rest is counted, and the JSON has them all.
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
	written, defaults := splitDefaults(c.Attributes)
	var b strings.Builder
	budget := maxCreatedChars
	if len(written) > 0 {
		line, used := createdLine(written, budget, code)
		budget -= used
		if chars(line) <= maxInlineCreated {
			b.WriteString("  - " + line + "\n")
		} else {
			b.WriteString(collapsed(words.Count(len(written), "attribute"), line))
		}
	}
	if len(defaults) > 0 {
		line, _ := createdLine(defaults, max(budget, maxInlineCreated), code)
		b.WriteString(collapsed(defaultsSummary(len(defaults)), line))
	}
	return b.String()
}

// defaultsSummary names n defaults a created block does not write.
func defaultsSummary(n int) string {
	return words.Count(n, "default") + " (not written)"
}

// updateDefaultsSummary names the defaults an update brings or takes
// away with the nested blocks they are of ("6 defaults of retry (not
// written)"): when a block is added with nothing written in it
// (circuit_breaker {}), they are all that says so.
func updateDefaultsSummary(defaults []AttrChange) string {
	var blocks []string
	for _, a := range defaults {
		if b, _, ok := strings.Cut(a.Attribute, "."); ok && !slices.Contains(blocks, b) {
			blocks = append(blocks, b)
		}
	}
	if len(blocks) == 0 {
		return defaultsSummary(len(defaults))
	}
	return fmt.Sprintf("%s of %s (not written)", words.Count(len(defaults), "default"), strings.Join(blocks, ", "))
}

// collapsed is a <details> under a list entry.
func collapsed(summary, body string) string {
	return fmt.Sprintf("  <details><summary>%s</summary>\n\n  %s\n\n  </details>\n\n", summary, body)
}

// createdLine joins the attributes as `name = value` (wrap makes each a
// code span, or leaves it plain) up to budget characters, counting the
// rest, and returns the line with the characters it used.
func createdLine(attrs []AttrChange, budget int, wrap func(string) string) (string, int) {
	return attrLine(attrs, budget, wrap, func(a AttrChange) string {
		if a.Sensitive {
			return wrap(a.Attribute) + " (" + a.Message + ")"
		}
		return wrap(a.Attribute + " = " + attrValue(a.After))
	})
}

// attrLine joins item of each attribute with " · " up to budget
// characters, counting the rest, and returns the line with the
// characters it used.
func attrLine(attrs []AttrChange, budget int, wrap func(string) string, item func(AttrChange) string) (string, int) {
	var parts []string
	total := 0
	for i, a := range attrs {
		p := item(a)
		if total+chars(p) > budget {
			parts = append(parts, fmt.Sprintf("… %d more: %s lists them", len(attrs)-i, wrap("berth diff --format json")))
			break
		}
		parts, total = append(parts, p), total+chars(p)
	}
	return strings.Join(parts, " · "), total
}

// updatedDefaults is the markdown of the defaults an update brings or
// takes away (a retry block added with only its attempts written), as
// `attr`: `before` → `after`, collapsed under the list entry, apart from
// what the change writes.
func updatedDefaults(defaults []AttrChange) string {
	if len(defaults) == 0 {
		return ""
	}
	line, _ := attrLine(defaults, maxCreatedChars, code, func(a AttrChange) string { return a.text(code) })
	return collapsed(updateDefaultsSummary(defaults), line)
}
