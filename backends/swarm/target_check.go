package swarm

import (
	"fmt"
	"net"
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
		} else if why := unmatchable(c); why != "" {
			at(orRange(svc.Placement.DeclRange, svc.DeclRange), "Placement constraint that no node matches",
				"Service %q has the constraint %q, which %s: swarm would create the service and keep its tasks pending for ever.",
				svc.Name, c, why)
		}
	}
	for _, sp := range svc.Placement.Spread {
		if k := strings.ToLower(sp); !(len(k) > len("node.labels.") && strings.HasPrefix(k, "node.labels.")) &&
			!(len(k) > len("engine.labels.") && strings.HasPrefix(k, "engine.labels.")) {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Spread over no label",
				Detail: fmt.Sprintf("Service %q spreads over %q, but swarm spreads only over node.labels.LABEL or engine.labels.LABEL: every node has the same (empty) value of anything else, so the preference spreads nothing. Write \"node.labels.%s\".",
					svc.Name, sp, strings.TrimPrefix(sp, "node.")),
				Subject: orRange(svc.Placement.DeclRange, svc.DeclRange).Ptr()})
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
	if !emulate && !svc.Emulated() && oneShot(svc.Restart.Condition) && svc.Update.FailureAction != "continue" {
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "A job's update would stop at its first task",
			Detail: fmt.Sprintf("Service %q does not start its tasks again once they exit 0 (restart condition %q). If they are jobs that run to completion (a migration, an init step), swarm counts a task that ends during an update as a failed update, exit 0 included: with failure_action = %q every update of the service would stop at its first new task (%q), and apply would fail; write update { failure_action = \"continue\" }. A server that runs until it is stopped is not concerned.",
				svc.Name, svc.Restart.Condition, orDefault(svc.Update.FailureAction, defaultFailureAction), "update paused due to failure or early termination of task …"),
			Subject: svc.DeclRange.Ptr()})
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
	case !constraintValue.MatchString(value):
		return fmt.Sprintf("swarm refuses the value %q (letters, digits, spaces and :-_.*()?+[]\\^$|/ only)", value)
	}
	return ""
}

// constraintValue is swarmkit's rule for the value of a constraint.
var constraintValue = regexp.MustCompile(`^(?i)[a-z0-9:\-_\s\.\*\(\)\?\+\[\]\\\^\$\|\/]+$`)

// unmatchable says why a constraint that swarm takes matches no node, or
// "". Swarm's scheduler reads the keys node.id, node.hostname, node.ip,
// node.role, node.platform.os, node.platform.arch, node.labels.L and
// engine.labels.L (case aside); any other key matches nothing, with ==
// and != alike, and so does node.ip with a value that is no address or
// network, or node.role == something other than manager or worker.
func unmatchable(c string) string {
	op := "=="
	i := strings.Index(c, op)
	if i < 0 {
		op, i = "!=", strings.Index(c, "!=")
	}
	key, value := strings.ToLower(strings.TrimSpace(c[:i])), strings.TrimSpace(c[i+2:])
	switch key {
	case "node.id", "node.hostname", "node.platform.os", "node.platform.arch":
		return ""
	case "node.role":
		if op == "==" && !strings.EqualFold(value, "manager") && !strings.EqualFold(value, "worker") {
			return "asks for a role no node has (a node is a manager or a worker)"
		}
		return ""
	case "node.ip":
		if _, _, err := net.ParseCIDR(value); err != nil && net.ParseIP(value) == nil {
			return fmt.Sprintf("compares node.ip with %q, which is no IP address or network (such as 10.0.0.5 or 10.0.0.0/24)", value)
		}
		return ""
	}
	for _, prefix := range []string{"node.labels.", "engine.labels."} {
		if len(key) > len(prefix) && strings.HasPrefix(key, prefix) {
			return ""
		}
	}
	hint := ""
	if !strings.HasPrefix(key, "node.labels.") && !strings.HasPrefix(key, "engine.labels.") && strings.HasPrefix(key, "node.") {
		hint = fmt.Sprintf(" (a node label is node.labels.%s)", strings.TrimPrefix(key, "node."))
	}
	return fmt.Sprintf("swarm matches on no node: it reads node.id, node.hostname, node.ip, node.role, node.platform.os, node.platform.arch, node.labels.LABEL and engine.labels.LABEL, not %q%s", strings.TrimSpace(c[:i]), hint)
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
