package lang

import (
	"fmt"
	"strings"
	"testing"
)

// TestTimeoutOrderMany: a chain whose every link has the same timeout
// gets timeoutOrderShown warnings in full, then one that counts the rest
// and points at the first of them.
func TestTimeoutOrderMany(t *testing.T) {
	const n = 16 // s0 → s1 → … → s15: 15 links, 14 of them downstream of another
	var sb strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&sb, "service \"s%d\" {\n", i)
		if i+1 < n {
			fmt.Fprintf(&sb, "  endpoint \"e\" {\n    call \"s%d\" {}\n  }\n", i+1)
		}
		sb.WriteString("}\n")
		if i+1 < n {
			fmt.Fprintf(&sb, "link \"s%d\" \"s%d\" {\n  timeout = \"300ms\"\n}\n", i, i+1)
		}
	}
	_, diags := loadSrc(t, map[string]string{"main.berth.hcl": sb.String()}, Options{})
	full, more := 0, []string{}
	for _, d := range diags {
		switch d.Summary {
		case "Timeout longer than the caller's":
			full++
		case "More timeouts longer than the caller's":
			more = append(more, fmt.Sprintf("%s (line %d)", d.Detail, d.Subject.Start.Line))
		}
	}
	if full != timeoutOrderShown {
		t.Errorf("%d warnings in full; want %d:\n%s", full, timeoutOrderShown, diagText(diags))
	}
	// 14 links warned about, 10 in full. Links go in name order (s1 s2,
	// s10 s11, …, s14 s15, s2 s3, …), so the 11th is s6 → s7, whose
	// timeout is on line 8·6+7.
	if len(more) != 1 || !strings.HasPrefix(more[0], "4 more links") || !strings.Contains(more[0], "(line 55)") {
		t.Errorf("the rest: %q; want one warning counting 4 more links, at the timeout of link s6 s7 (line 55)", more)
	}
}
