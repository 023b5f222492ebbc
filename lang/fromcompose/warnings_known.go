package fromcompose

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/hcl/v2"
)

// compose-go's warnings that berth can point at the file, or give a fix
// for.
var (
	yamlBoolRE     = regexp.MustCompile("^\"([^\"]*)\" for boolean is not supported by YAML 1.2, please use `(true|false)`")
	externalNameRE = regexp.MustCompile(`^(\S+): external\.name is deprecated`)
)

// knownWarning returns the diagnostic for one of compose-go's warnings
// that berth knows, or nil.
func (s *Sources) knownWarning(w string) *hcl.Diagnostic {
	d := &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Compose file warning", Detail: strings.TrimSuffix(w, ".") + "."}
	switch {
	case yamlBoolRE.MatchString(w):
		m := yamlBoolRE.FindStringSubmatch(w)
		d.Summary = "YAML 1.1 boolean"
		d.Detail = fmt.Sprintf("%q is read as %s, as docker compose reads it, but YAML 1.2 (and a later Compose) does not know it: write %s in the Compose file.", m[1], m[2], m[2])
		d.Subject = s.valueUse(m[1])
	case externalNameRE.MatchString(w):
		m := externalNameRE.FindStringSubmatch(w)
		d.Subject = s.At(append(s.rejoin(keyPath(m[1])), "external")...)
	case strings.Contains(w, "loaded without an explicit name from a symlink"):
		d.Detail += " Pass -p NAME (or set name: in the Compose file) to choose the project's name."
	case strings.Contains(w, "cannot expand '~'"):
		d.Detail += " Set HOME, or write the path in full, and import again."
	default:
		return nil
	}
	return d
}

// valueUse returns the range of the first mapping value written as v
// (bare or quoted) in the Compose files, or nil.
func (s *Sources) valueUse(v string) *hcl.Range {
	re := regexp.MustCompile(`(?m):[ \t]*(["']?` + regexp.QuoteMeta(v) + `["']?)[ \t]*(#.*)?$`)
	for _, f := range s.all() {
		for _, m := range re.FindAllSubmatchIndex(s.Bytes[f], -1) {
			if !inComment(string(s.Bytes[f]), m[2]) {
				return s.offsetRange(f, m[2], m[3]-m[2])
			}
		}
	}
	return nil
}
