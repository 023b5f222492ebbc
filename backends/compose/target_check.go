package compose

import (
	"fmt"
	"net/netip"
	"path"
	"sort"
	"strings"

	"github.com/distribution/reference"
	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/lang"
)

// checkServices reports, at plan time and at the service or port block,
// what the engine would refuse or misread at apply time: an image that is
// not a reference, an env name Docker cannot carry, a host_ip that is not
// an address, replica ports past 65535. Without it the plan shows them as
// ordinary creates and apply fails half way, or worse succeeds wrongly:
// Docker binds a host_ip of "localhost" to every address, and an env name
// with "=" comes back under another name, a diff on every plan.
func checkServices(svcs []*lang.Service, emulate bool) hcl.Diagnostics {
	var diags hcl.Diagnostics
	for _, svc := range svcs {
		diags = append(diags, checkRestart(svc)...)
		if !emulate && !svc.Emulated() {
			if _, err := reference.ParseAnyReference(svc.Image); err != nil {
				diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Invalid image reference",
					Detail: fmt.Sprintf("The image %q of service %q is not an image reference Docker accepts: %v. Write it as name[:tag][@digest], in lowercase, for example \"shop/orders:1.4\".",
						svc.Image, svc.Name, err),
					Subject: svc.DeclRange.Ptr()})
			}
		}
		diags = append(diags, checkEnvNames(svc)...)
		diags = append(diags, checkMounts(svc)...)
		for _, p := range svc.Ports {
			diags = append(diags, checkPort(svc, p)...)
		}
	}
	return diags
}

// checkEnvNames reports env names Docker refuses (empty) or reads as
// another variable (with "=", the rest becomes part of the value).
func checkEnvNames(svc *lang.Service) hcl.Diagnostics {
	var bad []string
	for k := range svc.Env {
		if k == "" || strings.ContainsAny(k, "=\x00") {
			bad = append(bad, fmt.Sprintf("%q", k))
		}
	}
	if len(bad) == 0 {
		return nil
	}
	sort.Strings(bad)
	return hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Invalid environment variable name",
		Detail: fmt.Sprintf("Service %q sets env %s: an environment variable name must be non-empty and hold no \"=\" (Docker reads NAME=VALUE up to the first \"=\").",
			svc.Name, strings.Join(bad, ", ")),
		Subject: svc.DeclRange.Ptr()}}
}

// checkPort reports a host_ip that is not an IP address and replica host
// ports (published+i-1 for replica i) past 65535.
func checkPort(svc *lang.Service, p lang.Port) hcl.Diagnostics {
	var diags hcl.Diagnostics
	if p.HostIP != "" {
		if _, err := netip.ParseAddr(p.HostIP); err != nil {
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "host_ip is not an IP address",
				Detail: fmt.Sprintf("Service %q publishes port %d on host_ip %q, which is not an IP address: Docker would publish it on every address of the host. Use an address, such as \"127.0.0.1\" for this machine only.",
					svc.Name, p.Published, p.HostIP),
				Subject: p.DeclRange.Ptr()})
		}
	}
	if last := p.Published + svc.Replicas - 1; p.Published > 0 && last > 65535 {
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Replica ports past 65535",
			Detail: fmt.Sprintf("On compose, replica i of %q publishes port %d + i - 1, so its %d replicas need ports %d to %d, past the last port, 65535. Lower published to %d or less.",
				svc.Name, p.Published, svc.Replicas, p.Published, last, 65535-svc.Replicas+1),
			Subject: p.DeclRange.Ptr()})
	}
	return diags
}

// checkMounts reports mount targets Docker refuses: not absolute, or the
// same as another mount's (secrets at /run/secrets/NAME, configs at
// /NAME included).
func checkMounts(svc *lang.Service) hcl.Diagnostics {
	var diags hcl.Diagnostics
	seen := map[string]bool{}
	var targets []string
	for _, m := range svc.Mounts {
		targets = append(targets, m.Target)
	}
	for _, n := range svc.Secrets {
		targets = append(targets, MountTarget(TypeSecret, n))
	}
	for _, n := range svc.Configs {
		targets = append(targets, MountTarget(TypeConfig, n))
	}
	for _, t := range targets {
		switch {
		case !path.IsAbs(t):
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Mount target is not an absolute path",
				Detail:  fmt.Sprintf("Service %q mounts at %q: a mount's target is a path inside the container and must start with \"/\", for example \"/%s\".", svc.Name, t, t),
				Subject: svc.DeclRange.Ptr()})
		case seen[path.Clean(t)]:
			diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Two mounts at one path",
				Detail:  fmt.Sprintf("Service %q mounts two things at %s (secrets mount at /run/secrets/NAME, configs at /NAME); Docker refuses a duplicate mount point. Give each its own target.", svc.Name, path.Clean(t)),
				Subject: svc.DeclRange.Ptr()})
		}
		seen[path.Clean(t)] = true
	}
	return diags
}

// checkRestart warns about the restart settings Docker's restart policies
// cannot carry, which the compose backend would otherwise drop in silence:
// a limit on attempts with condition any (Docker's "always" restarts for
// ever, and refuses a retry count), and a window (Docker has none).
func checkRestart(svc *lang.Service) hcl.Diagnostics {
	var diags hcl.Diagnostics
	r := svc.Restart
	if (r.Condition == "" || r.Condition == "any") && r.MaxAttempts > 0 {
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Compose ignores restart.max_attempts with condition any",
			Detail: fmt.Sprintf("Service %q restarts with condition any, which on Compose is Docker's restart policy \"always\": it restarts for ever, and Docker takes no attempt limit with it, so max_attempts = %d is dropped. To stop after %d failed attempts, use condition = \"on-failure\" (restarts only after a non-zero exit).",
				svc.Name, r.MaxAttempts, r.MaxAttempts),
			Subject: svc.DeclRange.Ptr()})
	}
	if r.Window > 0 {
		diags = append(diags, &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Compose ignores restart.window",
			Detail:  fmt.Sprintf("Service %q sets restart.window = %s, which only swarm applies: Docker's restart policies have no window. Remove it, or deploy with --backend swarm.", svc.Name, r.Window),
			Subject: svc.DeclRange.Ptr()})
	}
	return diags
}
