package review

import (
	"fmt"
	"strings"
)

// maxInvalidLines is how many of a base's errors the review lists; berth
// validate at the base lists them all.
const maxInvalidLines = 10

// invalidBaseLines says that the OLD side does not validate and lists
// its errors (at most maxInvalidLines), each through quote; nil when it
// validates.
func (r *Review) invalidBaseLines(quote func(string) string) (head string, lines []string) {
	if len(r.OldInvalid) == 0 {
		return "", nil
	}
	head = fmt.Sprintf("%s does not validate, so every object of %s shows as created and the simulation is %s's alone. Its errors:", quote(r.Old.Label), quote(r.New.Label), quote(r.New.Label))
	for i, l := range r.OldInvalid {
		if i == maxInvalidLines {
			lines = append(lines, fmt.Sprintf("… %d more: berth validate at %s lists them", len(r.OldInvalid)-i, r.Old.Label))
			break
		}
		lines = append(lines, quote(l))
	}
	return head, lines
}

// invalidBaseMarkdown is the warning at the top of the comment when the
// OLD side does not validate.
func (r *Review) invalidBaseMarkdown() string {
	return r.invalidBaseBlock(code, "> ⚠️ **The base does not validate.** %s\n>\n", "> - %s\n")
}

// invalidBaseText is the same for a terminal.
func (r *Review) invalidBaseText() string {
	return r.invalidBaseBlock(func(s string) string { return s }, "Warning: the base does not validate. %s\n", "  %s\n")
}

// invalidBaseBlock writes invalidBaseLines with the formats of its head
// and of each line, and a blank line; "" when the base validates.
func (r *Review) invalidBaseBlock(quote func(string) string, headFormat, lineFormat string) string {
	head, lines := r.invalidBaseLines(quote)
	if head == "" {
		return ""
	}
	var b strings.Builder
	fmt.Fprintf(&b, headFormat, head)
	for _, l := range lines {
		fmt.Fprintf(&b, lineFormat, l)
	}
	b.WriteString("\n")
	return b.String()
}
