package swarmtest

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
)

// Overrides adapt a spec to the lab, whose kernel has no IPVS: no ingress
// routing mesh and no virtual IPs. Users on normal kernels keep swarm's
// defaults; the lab copy switches them.
type Overrides struct {
	// Project renames the project (tests use their own names).
	Project string
	// Replicas and Images set those of named services.
	Replicas map[string]int
	Images   map[string]string
	// HealthTimeout replaces every health check's timeout when set: a
	// probe is an exec in the container, slow on a loaded test machine.
	HealthTimeout string
}

// LabCopy copies the spec directory src to dst with every service in
// endpoint_mode "dnsrr", every port published in mode "host", and the
// overrides applied. The files are edited with hclwrite, so comments and
// layout stay.
func LabCopy(src, dst string, o Overrides) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		out := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(out, 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if strings.HasSuffix(path, ".berth.hcl") {
			if b, err = labEdit(b, path, o); err != nil {
				return err
			}
		}
		return os.WriteFile(out, b, 0o644)
	})
}

func labEdit(src []byte, name string, o Overrides) ([]byte, error) {
	f, diags := hclwrite.ParseConfig(src, name, hcl.InitialPos)
	if diags.HasErrors() {
		return nil, fmt.Errorf("%s: %s", name, diags.Error())
	}
	for _, b := range f.Body().Blocks() {
		switch b.Type() {
		case "berth":
			if o.Project != "" {
				b.Body().SetAttributeValue("project", cty.StringVal(o.Project))
			}
		case "service":
			labService(b, o)
		}
	}
	return f.Bytes(), nil
}

func labService(b *hclwrite.Block, o Overrides) {
	name := ""
	if l := b.Labels(); len(l) > 0 {
		name = l[0]
	}
	body := b.Body()
	body.SetAttributeValue("endpoint_mode", cty.StringVal("dnsrr"))
	if n, ok := o.Replicas[name]; ok {
		body.SetAttributeValue("replicas", cty.NumberIntVal(int64(n)))
	}
	if img, ok := o.Images[name]; ok {
		body.SetAttributeValue("image", cty.StringVal(img))
	}
	for _, nb := range body.Blocks() {
		switch nb.Type() {
		case "port":
			nb.Body().SetAttributeValue("mode", cty.StringVal("host"))
		case "health":
			if o.HealthTimeout != "" {
				nb.Body().SetAttributeValue("timeout", cty.StringVal(o.HealthTimeout))
			}
		}
	}
}
