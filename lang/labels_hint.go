package lang

import (
	"fmt"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// explainLabels rewrites hcl's diagnostics about a block's labels ("All
// service blocks must have 1 labels (name).") to say what the block takes
// and how it is written: link "CALLER" "CALLEE" {}.
func explainLabels(diags hcl.Diagnostics, schema *hcl.BodySchema) {
	for _, d := range diags {
		if !strings.HasPrefix(d.Summary, "Missing ") && !strings.HasPrefix(d.Summary, "Extraneous label for ") {
			continue
		}
		i := strings.LastIndex(d.Summary, " for ")
		if i < 0 {
			continue
		}
		typ := d.Summary[i+len(" for "):]
		for _, bs := range schema.Blocks {
			if bs.Type == typ && (strings.HasPrefix(d.Detail, "All ") || strings.HasPrefix(d.Detail, "Only ") || strings.HasPrefix(d.Detail, "No labels")) {
				d.Detail = labelsDetail(bs)
			}
		}
	}
}

// labelsDetail says how many labels a block takes, and shows one.
func labelsDetail(bs hcl.BlockHeaderSchema) string {
	example := bs.Type
	for _, l := range bs.LabelNames {
		example += fmt.Sprintf(" %q", strings.ToUpper(l))
	}
	example += " { ... }"
	switch len(bs.LabelNames) {
	case 0:
		return fmt.Sprintf("A %s block takes no label: write %s.", bs.Type, example)
	case 1:
		return fmt.Sprintf("A %s block takes one label, its %s: write %s.", bs.Type, bs.LabelNames[0], example)
	default:
		return fmt.Sprintf("A %s block takes %d labels, %s: write %s.", bs.Type, len(bs.LabelNames), strings.Join(bs.LabelNames, " and "), example)
	}
}
