package swarm

import (
	"fmt"
	"path"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/distribution/reference"
	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/lang"
)

// checkService reports, at plan time and at the service or port block,
// what the manager would refuse when the service is created (by then the
// plan's networks and secrets exist: apply would stop half way), what its
// tasks would fail on, and what would read back as a diff on every plan.
// The limits are swarmkit's (controlapi's validation of a service spec).
func checkService(project string, svc *lang.Service, emulate bool) hcl.Diagnostics {
	var diags hcl.Diagnostics
	at := func(rng hcl.Range, summary, format string, args ...any) {
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary,
			Detail: fmt.Sprintf(format, args...), Subject: rng.Ptr()})
	}
	if name := objectName(project, svc.Name); len(name) > 63 || !dnsComponent.MatchString(name) {
		at(svc.DeclRange, "Invalid swarm service name",
			"Service %q becomes the swarm service %q, and swarm takes at most 63 letters, digits, dashes and underscores, starting and ending with a letter or digit. Rename the service (or the project).",
			svc.Name, name)
	}
	if !emulate && !svc.Emulated() {
		if _, err := reference.ParseAnyReference(svc.Image); err != nil {
			at(svc.DeclRange, "Invalid image reference",
				"The image %q of service %q is not an image reference Docker accepts: %v. Write it as name[:tag][@digest], in lowercase, for example \"shop/orders:1.4\".",
				svc.Image, svc.Name, err)
		}
	}
	if bad := badEnvNames(svc.Env); len(bad) > 0 {
		at(svc.DeclRange, "Invalid environment variable name",
			"Service %q sets env %s: an environment variable name must be non-empty and hold no \"=\" (Docker reads NAME=VALUE up to the first \"=\").",
			svc.Name, strings.Join(bad, ", "))
	}
	if bad := reservedLabels(svc.Labels); len(bad) > 0 {
		at(svc.DeclRange, "Reserved label",
			"Service %q sets the label %s, which berth sets itself (io.berth.*) or docker stack does (com.docker.stack.*). Use another name.",
			svc.Name, strings.Join(bad, ", "))
	}
	diags = append(diags, checkPorts(svc)...)
	for _, c := range svc.Placement.Constraints {
		if err := checkConstraint(c); err != "" {
			at(orRange(svc.Placement.DeclRange, svc.DeclRange), "Invalid placement constraint",
				"Service %q has the constraint %q: %s. Write it as KEY==VALUE or KEY!=VALUE, for example \"node.role==worker\" or \"node.labels.zone!=eu-1\".",
				svc.Name, c, err)
		}
	}
	if m := int64(svc.Resources.Memory); m != 0 && m < 4<<20 {
		at(svc.DeclRange, "Memory limit below 4MiB",
			"Service %q limits its memory to %d bytes; swarm takes no limit below 4MiB (4194304 bytes).", svc.Name, m)
	}
	if c := svc.Resources.CPUs; c != 0 && c < 0.001 {
		at(svc.DeclRange, "CPU limit below 0.001",
			"Service %q limits its CPUs to %g; swarm takes no limit below 0.001.", svc.Name, c)
	}
	if h := svc.Health; h != nil {
		for _, d := range []struct {
			name string
			v    time.Duration
		}{{"interval", h.Interval}, {"timeout", h.Timeout}, {"start_period", h.StartPeriod}} {
			if d.v != 0 && d.v < time.Millisecond {
				at(h.DeclRange, "Health check duration below 1ms",
					"The health check of service %q has %s = %s; swarm takes nothing shorter than 1ms.", svc.Name, d.name, d.v)
			}
		}
	}
	for _, m := range svc.Mounts {
		if !path.IsAbs(m.Target) {
			at(svc.DeclRange, "Mount target is not an absolute path",
				"Service %q mounts at %q; the target inside the container must be an absolute path, such as \"/%s\".", svc.Name, m.Target, m.Target)
		}
	}
	if r := svc.Rollback; r != nil && r.FailureAction == "rollback" {
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "A rollback cannot roll back",
			Detail:  fmt.Sprintf("The rollback block of service %q sets failure_action = \"rollback\", which swarm has no meaning for in a rollback; berth uses \"pause\". Write \"pause\" or \"continue\".", svc.Name),
			Subject: svc.DeclRange.Ptr()})
	}
	return diags
}

// orRange is r, or def when r is zero (a block the model was given
// without a source, as in tests and imports).
func orRange(r, def hcl.Range) hcl.Range {
	if r.Filename == "" {
		return def
	}
	return r
}

// dnsComponent is swarmkit's rule for service and network names (at most
// 63 characters besides).
var dnsComponent = regexp.MustCompile(`^[a-zA-Z0-9](?:[-_]*[A-Za-z0-9]+)*$`)

// constraintKey is swarmkit's rule for the key of a placement constraint.
var constraintKey = regexp.MustCompile(`^(?i)[a-z_][a-z0-9\-_.]+$`)

// checkConstraint returns why swarm refuses the constraint, or "".
func checkConstraint(c string) string {
	i := strings.Index(c, "==")
	if j := strings.Index(c, "!="); j >= 0 && (i < 0 || j < i) {
		i = j
	}
	if i < 0 {
		return "swarm expects one of the operators == and !="
	}
	key, value := strings.TrimSpace(c[:i]), strings.TrimSpace(c[i+2:])
	switch {
	case !constraintKey.MatchString(key):
		return fmt.Sprintf("%q is not a key swarm reads", key)
	case value == "":
		return "it has no value"
	case strings.ContainsAny(value, "=!"):
		return "it has more than one operator"
	}
	return ""
}

func badEnvNames(env map[string]string) []string {
	var bad []string
	for k := range env {
		if k == "" || strings.ContainsAny(k, "=\x00") {
			bad = append(bad, fmt.Sprintf("%q", k))
		}
	}
	sort.Strings(bad)
	return bad
}

func reservedLabels(labels map[string]string) []string {
	var bad []string
	for k := range labels {
		if ownLabel(k) {
			bad = append(bad, fmt.Sprintf("%q", k))
		}
	}
	sort.Strings(bad)
	return bad
}

// checkPorts reports a port published twice (swarm refuses the service)
// and an ingress port on a dnsrr service (swarm refuses that too: the
// routing mesh needs the service's virtual IP).
func checkPorts(svc *lang.Service) hcl.Diagnostics {
	var diags hcl.Diagnostics
	seen := map[string]bool{}
	for _, p := range svc.Ports {
		if p.Published == 0 {
			continue
		}
		key := fmt.Sprintf("%d/%s", p.Published, orDefault(p.Protocol, "tcp"))
		if seen[key] {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Port published twice",
				Detail:  fmt.Sprintf("Service %q publishes %s more than once; swarm refuses the service.", svc.Name, key),
				Subject: p.DeclRange.Ptr()})
		}
		seen[key] = true
		if svc.EndpointMode == "dnsrr" && orDefault(p.Mode, "ingress") == "ingress" {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "An ingress port needs endpoint_mode vip",
				Detail: fmt.Sprintf("Service %q resolves by dnsrr and publishes port %d through the ingress routing mesh, which needs the service's virtual IP: swarm refuses the service. "+
					"Publish it with mode = \"host\", or use endpoint_mode = \"vip\".", svc.Name, p.Published),
				Subject: p.DeclRange.Ptr()})
		}
	}
	return diags
}
