package whatif

import (
	"strings"

	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/pmezard/go-difflib/difflib"
)

// patched is the text of f, an edited hclwrite copy of orig, that changes
// only what the edit changed. hclwrite's Bytes formats the whole file, so
// a file that is not fmt-clean would come back reformatted everywhere;
// here the lines the edit left alone are orig's, byte for byte, and only
// the lines it added or changed are formatted. Formatting moves spaces
// within lines and never adds or removes one, so the formatted and the
// raw text have the same lines.
func patched(orig []byte, f *hclwrite.File) []byte {
	raw := strings.SplitAfter(string(f.Body().BuildTokens(nil).Bytes()), "\n")
	formatted := strings.SplitAfter(string(f.Bytes()), "\n")
	if len(raw) != len(formatted) {
		return f.Bytes()
	}
	var b strings.Builder
	m := difflib.NewMatcher(strings.SplitAfter(string(orig), "\n"), raw)
	for _, op := range m.GetOpCodes() {
		for j := op.J1; j < op.J2; j++ {
			if op.Tag == 'e' {
				b.WriteString(raw[j])
			} else {
				b.WriteString(formatted[j])
			}
		}
	}
	return []byte(b.String())
}
