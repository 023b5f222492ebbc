package lang

import (
	"fmt"
	"math/big"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// linkNestedSchemas are the blocks of a link whose arguments people write
// on the link itself, by habit from flat configurations.
var linkNestedSchemas = []struct {
	block  string
	schema *hcl.BodySchema
}{
	{"retry", retryBlockSchema}, {"circuit_breaker", breakerBlockSchema}, {"bulkhead", bulkheadBlockSchema},
}

// retryCountNames are the flat spellings of a retry count (Envoy's
// num_retries, docker's and many clients' retries).
var retryCountNames = map[string]bool{"retries": true, "max_retries": true, "num_retries": true, "retry_attempts": true}

// hintLinkArguments adds the fix to each "Unsupported argument" among
// diags that a link block's body reports: an argument that belongs in one
// of the link's blocks, or a retry count.
func hintLinkArguments(diags hcl.Diagnostics, body hcl.Body) {
	sb, ok := body.(*hclsyntax.Body)
	if !ok {
		return
	}
	for _, d := range diags {
		if d.Summary != "Unsupported argument" || d.Subject == nil {
			continue
		}
		for name, a := range sb.Attributes {
			if a.NameRange == *d.Subject {
				d.Detail += linkArgumentHint(name, a.Expr)
			}
		}
	}
}

// linkArgumentHint returns the sentence that says where argument name of
// a link goes, or "".
func linkArgumentHint(name string, expr hcl.Expression) string {
	if retryCountNames[name] {
		n, ok := literalInt(expr)
		if !ok {
			return " Retries are set in a retry block: retry { attempts = N } makes up to N-1 retries, since attempts counts every attempt, the first included."
		}
		return fmt.Sprintf(" Retries are set in a retry block: use retry { attempts = %d } for %d retries (attempts counts every attempt, the first included).", n+1, n)
	}
	for _, nested := range linkNestedSchemas {
		for _, as := range nested.schema.Attributes {
			if as.Name == name {
				return fmt.Sprintf(" %s belongs in the link's %s block: %s { %s = ... }.", name, nested.block, nested.block, name)
			}
		}
	}
	return ""
}

// literalInt returns the value of a constant whole-number expression.
func literalInt(expr hcl.Expression) (int64, bool) {
	v, diags := expr.Value(nil)
	if diags.HasErrors() || v.Type() != cty.Number || v.IsNull() || !v.IsKnown() {
		return 0, false
	}
	n, acc := v.AsBigFloat().Int64()
	return n, acc == big.Exact && n >= 0 && n < 1000
}
