package cli

import (
	"fmt"
	"os"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"

	"github.com/berth-dev/berth/lang"
)

// writeHopLatency sets berth { defaults { hop_latency = value } } in the
// spec file of dir that has the berth block (the first file when none
// has one) and returns the file's path. Everything else in the file stays
// as it was.
func writeHopLatency(dir, value string) (string, error) {
	files, err := specFilesIn(dir, false)
	if err != nil || len(files) == 0 {
		return "", fmt.Errorf("no %s files in %s", specSuffix, dir)
	}
	path, f, block := files[0], (*hclwrite.File)(nil), (*hclwrite.Block)(nil)
	for _, p := range files {
		pf, err := parseForWrite(p)
		if err != nil {
			return "", err
		}
		if f == nil {
			f = pf
		}
		if b := pf.Body().FirstMatchingBlock("berth", nil); b != nil {
			path, f, block = p, pf, b
			break
		}
	}
	if block == nil {
		f.Body().AppendNewline()
		block = f.Body().AppendNewBlock("berth", nil)
	}
	defaults := block.Body().FirstMatchingBlock("defaults", nil)
	if defaults == nil {
		defaults = block.Body().AppendNewBlock("defaults", nil)
	}
	defaults.Body().SetAttributeValue("hop_latency", cty.StringVal(value))
	st, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	return path, writeFileAtomic(path, f.Bytes(), st.Mode().Perm())
}

func parseForWrite(path string) (*hclwrite.File, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	f, diags := hclwrite.ParseConfig(lang.EditableSource(src, path), path, hcl.InitialPos)
	if diags.HasErrors() {
		return nil, fmt.Errorf("%s: %s", path, diags.Error())
	}
	return f, nil
}
