package graph

import "testing"

// A label keeps Mermaid's syntax out: a bar would end an edge label
// (-->|"a|b"|), quotes the string, angle brackets a tag.
func TestMermaidQuote(t *testing.T) {
	for in, want := range map[string]string{
		`load a|b`:       `"load a#124;b"`,
		`say "hi"`:       `"say #quot;hi#quot;"`,
		"<b>x</b>":       `"#lt;b#gt;x#lt;/b#gt;"`,
		"timeout 1s\n×3": `"timeout 1s<br/>×3"`,
	} {
		if got := mermaidQuote(in); got != want {
			t.Errorf("mermaidQuote(%q) = %s, want %s", in, got, want)
		}
	}
}
