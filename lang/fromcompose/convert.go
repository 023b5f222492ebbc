package fromcompose

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/compose-spec/compose-go/v2/types"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"

	"github.com/berth-dev/berth/lang"
)

// emptyBlocks matches a block with nothing in it, which hclwrite writes
// over two lines and berth's examples on one.
var emptyBlocks = regexp.MustCompile(`(?m)^([ \t]*)(\S.*?) \{\n[ \t]*\}$`)

// converter writes one project. dir is the directory the berth source will
// be written to: file paths become relative to it.
type converter struct {
	p     *types.Project
	src   *Sources
	dir   string
	diags hcl.Diagnostics
	// names maps each Compose name to its berth name, by kind ("service",
	// "network", ...); a Compose name that is not an HCL identifier is
	// renamed.
	names map[string]map[string]string
	// vars are the sensitive variables made for secret values.
	vars []string
	// skipped holds the secrets and configs not imported (external ones),
	// so that services drop their references with a warning of their own.
	skipped map[string]bool
	// anon names the volume made for each anonymous volume, by service
	// and target (mounts.go).
	anon map[string]string
	// svc is the service being written; shared holds its warnings by
	// summary and position, so that a key many services take from one
	// anchor or extends is one warning that names them all.
	svc    string
	shared map[string]*sharedWarning
	// credVars are the sensitive variables made for credentials the
	// services take from variables, by Compose variable ("$NAME") or by
	// service and key (envsecrets.go).
	credVars map[string]*credVar
	// envFiles are the env files read, by path, and envCopies the ones
	// whose values were copied into env (envfile_copy.go).
	envFiles  map[string]envFileLines
	envCopies map[string]*envFileCopy
}

type sharedWarning struct {
	d      *hcl.Diagnostic
	svc    string
	others []string
}

// Convert writes p as berth source, formatted. dir is where the source will
// be written (file paths are made relative to it). It returns the names of
// the sensitive variables it declared for secret values, which the user
// must set. The diagnostics are warnings for what the language cannot
// carry, pointing at the Compose file where they can.
func Convert(p *types.Project, src *Sources, dir string) ([]byte, []string, hcl.Diagnostics) {
	c := &converter{p: p, src: src, dir: dir, names: map[string]map[string]string{}, skipped: map[string]bool{}, shared: map[string]*sharedWarning{}}
	f := hclwrite.NewEmptyFile()
	body := f.Body()
	body.AppendUnstructuredTokens(comment(fmt.Sprintf("Imported by `berth import` from %s.", strings.Join(sourceNames(dir, src.Files), ", "))))
	bb := body.AppendNewBlock("berth", nil).Body()
	bb.SetAttributeValue("project", ctyString(p.Name))
	c.backend(bb)

	// Name everything first, so that a rename's warning points at the
	// object's own key whichever reference meets it first.
	c.nameAll("service", slices.Collect(maps.Keys(p.Services)))
	c.nameAll("network", slices.Collect(maps.Keys(p.Networks)))
	c.nameAll("volume", slices.Collect(maps.Keys(p.Volumes)))
	c.anonymousVolumes()
	c.networks(body)
	c.volumes(body)
	c.files(body, "secret", secretObjects(p.Secrets))
	c.files(body, "config", configObjects(p.Configs))
	for _, name := range slices.Sorted(maps.Keys(p.Services)) {
		c.svc = name
		c.service(body, p.Services[name])
	}
	c.svc = ""
	c.describeCredVars()
	c.nameEnvFileReaders()
	c.variablesWritten()
	c.nameSharers()
	c.sections()
	if len(p.DisabledServices) > 0 {
		names := slices.Sorted(maps.Keys(p.DisabledServices))
		what := "The service " + quoteList(names) + " belongs"
		if len(names) > 1 {
			what = "The services " + quoteList(names) + " belong"
		}
		c.warn(src.At("services", names[0], "profiles"), "Services of inactive profiles left out",
			"%s to profiles that are not active, so `docker compose up` would not start them either. Import with --profile NAME (or COMPOSE_PROFILES set, in the environment or .env) to include them.", what)
	}
	if len(p.Services) == 0 && len(p.DisabledServices) == 0 {
		c.warn(src.At("services"), "No services",
			"The Compose file declares no service, so the spec has none: berth plan would create nothing. Add services to the Compose file, or write service blocks in the spec.")
	}
	out := emptyBlocks.ReplaceAll(hclwrite.Format(f.Bytes()), []byte("$1$2 {}"))
	c.credentialLeaks(out)
	return out, c.vars, c.diags
}

func comment(text string) hclwrite.Tokens {
	return hclwrite.Tokens{{Type: hclsyntax.TokenComment, Bytes: []byte("# " + text + "\n")}}
}

// name returns the berth name of a Compose object of kind, renaming (once,
// with a warning) a name that HCL cannot write in a reference.
func (c *converter) name(kind, composeName string, at *hcl.Range) string {
	m := c.names[kind]
	if m == nil {
		m = map[string]string{}
		c.names[kind] = m
	}
	if n, ok := m[composeName]; ok {
		return n
	}
	n := identifier(kind, composeName)
	if other := c.holder(kind, n); other != "" {
		base := n
		for i := 2; c.holder(kind, n) != ""; i++ {
			n = fmt.Sprintf("%s-%d", base, i)
		}
		c.warn(at, "Renamed", "The %s %q is named %q in berth: a berth name must start with a letter or underscore and hold only letters, digits, underscores and dashes, and %q is the berth name of the %s %q.%s", kind, composeName, n, base, kind, other, dnsNote(kind, n))
	} else if n != composeName {
		c.warn(at, "Renamed", "The %s %q is named %q in berth: a berth name must start with a letter or underscore and hold only letters, digits, underscores and dashes.%s", kind, composeName, n, dnsNote(kind, n))
	}
	m[composeName] = n
	return n
}

// nameAll names the Compose objects of kind (sorted), those whose names
// are berth names already first: a renamed one (meet.jitsi) never takes
// the name of another (meet-jitsi), which gets a suffix instead.
func (c *converter) nameAll(kind string, names []string) {
	top := kind + "s"
	slices.Sort(names)
	for _, valid := range []bool{true, false} {
		for _, n := range names {
			if hclsyntax.ValidIdentifier(n) == valid {
				c.name(kind, n, c.src.At(top, n))
			}
		}
	}
}

// holder returns the Compose name of kind whose berth name is n, or "".
func (c *converter) holder(kind, n string) string {
	for composeName, bn := range c.names[kind] {
		if bn == n {
			return composeName
		}
	}
	return ""
}

// identifier makes n a berth name: what is not a letter, digit,
// underscore or dash becomes a dash, and a name that does not start with a
// letter or underscore gets the kind's initial in front.
func identifier(kind, n string) string {
	if hclsyntax.ValidIdentifier(n) {
		return n
	}
	var b strings.Builder
	for _, r := range n {
		if r == '_' || r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	n = b.String()
	if !hclsyntax.ValidIdentifier(n) {
		n = kind[:1] + "-" + n
	}
	return n
}

func (c *converter) warn(at *hcl.Range, summary, format string, args ...any) {
	d := &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: summary, Detail: fmt.Sprintf(format, args...), Subject: at}
	if at != nil && c.svc != "" {
		k := fmt.Sprintf("%s\x00%s:%d", summary, at.Filename, at.Start.Byte)
		if w := c.shared[k]; w != nil && w.svc != c.svc {
			if !slices.Contains(w.others, c.svc) {
				w.others = append(w.others, c.svc)
			}
			return
		} else if w == nil {
			c.shared[k] = &sharedWarning{d: d, svc: c.svc}
		}
	}
	c.diags = append(c.diags, d)
}

// nameSharers adds to each shared warning the other services it holds for.
func (c *converter) nameSharers() {
	for _, w := range c.shared {
		switch len(w.others) {
		case 0:
		case 1:
			w.d.Detail += fmt.Sprintf(" The service %s takes the same lines, with the same result.", quoteList(w.others))
		default:
			w.d.Detail += fmt.Sprintf(" The services %s take the same lines, with the same result.", quoteList(w.others))
		}
	}
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}

// userLabels returns labels without the keys in berth's reserved
// namespaces (the labels a Compose or berth deployment put on its
// objects), warning about those it drops: berth sets them itself.
func (c *converter) userLabels(labels map[string]string, at *hcl.Range, kind, name string) map[string]string {
	out := make(map[string]string, len(labels))
	var dropped []string
	for k, v := range labels {
		if lang.ReservedLabel(k) != "" {
			dropped = append(dropped, k)
			continue
		}
		out[k] = v
	}
	if len(dropped) > 0 {
		sort.Strings(dropped)
		c.warn(at, "Reserved labels not imported",
			"The %s %q has the labels %s, in namespaces berth sets itself on what it creates (io.berth.*, com.docker.compose.*, com.docker.stack.*); they are left out.", kind, name, strings.Join(dropped, ", "))
	}
	return out
}
