package compose

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/backends/emulator"
	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

// containers compiles one container per replica of svc. after lists the
// services whose containers must be up first.
func (t *Target) containers(spec *lang.Spec, svc *lang.Service, after []string, hashes map[planner.Address]string) ([]*planner.Resource, hcl.Diagnostics) {
	attrs, deps, diags := t.containerAttrs(spec, svc, hashes)
	if diags.HasErrors() {
		return nil, diags
	}
	for _, callee := range after {
		for i := 1; i <= spec.Services[callee].Replicas; i++ {
			deps = append(deps, planner.Dep{To: containerAddr(callee, i), Kind: planner.DepStartAfter})
		}
	}
	var sensitive []string
	for _, s := range svc.Secrets {
		sensitive = append(sensitive, "secrets."+s)
	}
	out := make([]*planner.Resource, 0, svc.Replicas)
	for i := 1; i <= svc.Replicas; i++ {
		a := attrs // the last replica takes the shared attributes themselves
		if i < svc.Replicas {
			a = attrs.Clone()
		}
		r := &planner.Resource{
			Address: containerAddr(svc.Name, i), Group: svc.Name, Index: i,
			Attrs: a, Deps: deps, Sensitive: sensitive,
		}
		r.Attrs.Set("ports", ports(svc, i))
		r.Attrs.Set("name", ContainerName(spec.Project, svc.Name, i))
		out = append(out, r)
	}
	return out, diags
}

func containerAddr(service string, i int) planner.Address {
	return planner.Address{Type: TypeContainer, Name: planner.Member(service, i)}
}

// containerAttrs compiles the attributes every replica of svc shares.
func (t *Target) containerAttrs(spec *lang.Spec, svc *lang.Service, hashes map[planner.Address]string) (planner.Attrs, []planner.Dep, hcl.Diagnostics) {
	a := planner.Attrs{}
	env := map[string]string{}
	for k, v := range svc.Env {
		env[k] = v
	}
	image, command := svc.Image, svc.Command
	var health []string
	port := 8080
	if len(svc.Ports) > 0 && svc.Ports[0].Target > 0 {
		port = svc.Ports[0].Target
	}
	if t.Emulate || svc.Emulated() {
		if t.Emulator == nil || t.EmulatorImage == "" {
			return nil, nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "The emulator is not available",
				Detail: fmt.Sprintf("Service %q has no image, so berth's emulator must run it, but this berth was built without it.", svc.Name), Subject: svc.DeclRange.Ptr()}}
		}
		ec, err := t.Emulator(spec, svc.Name)
		if err != nil {
			return nil, nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Cannot compile the emulator of service " + strconv.Quote(svc.Name),
				Detail: err.Error(), Subject: svc.DeclRange.Ptr()}}
		}
		image, command, port, health = t.EmulatorImage, ec.Cmd, ec.Port, ec.HealthCheck
		for _, kv := range ec.Env {
			k, v, _ := strings.Cut(kv, "=")
			env[k] = v
		}
	}
	a.Set("image", image)
	a.Set("command", command)
	a.Set("env", env)
	a.Set("labels", svc.Labels)
	a.Set("health", healthAttr(svc.Health, health, port))
	a.Set("restart", restartPolicy(svc.Restart))
	if svc.Resources.CPUs > 0 {
		a.Set("cpus", strconv.FormatFloat(svc.Resources.CPUs, 'f', -1, 64))
	}
	a.Set("memory", int64(svc.Resources.Memory))
	a.Set("state", "running")

	var deps []planner.Dep
	nets := svc.Networks
	if len(nets) == 0 {
		nets = []string{DefaultNetwork}
	}
	nets = sortedUnique(nets)
	a.Set("networks", nets)
	for _, n := range nets {
		deps = append(deps, planner.Dep{To: planner.Address{Type: TypeNetwork, Name: n}, Kind: planner.DepUses})
	}
	mounts, mdeps := mountsAttr(spec, svc)
	a.Set("mounts", mounts)
	deps = append(deps, mdeps...)
	for _, kind := range []string{TypeSecret, TypeConfig} {
		names := svc.Secrets
		if kind == TypeConfig {
			names = svc.Configs
		}
		m := map[string]string{}
		for _, n := range names {
			addr := planner.Address{Type: kind, Name: n}
			m[n] = hashes[addr]
			deps = append(deps, planner.Dep{To: addr, Kind: planner.DepUses})
		}
		a.Set(kind+"s", m)
	}
	return a, deps, nil
}

// ports renders the published ports of replica i (from 1):
// "host_ip:published:target/protocol". One host port can be bound by one
// container only, so replica i publishes published+i-1: the replicas of a
// service share the range published..published+replicas-1, as Compose
// does with a port range.
func ports(svc *lang.Service, i int) []string {
	var out []string
	for _, p := range svc.Ports {
		if p.Published == 0 {
			continue
		}
		out = append(out, PortString(p.HostIP, p.Published+i-1, p.Target, p.Protocol))
	}
	sort.Strings(out)
	return out
}

// PortString is the canonical form of one published port.
func PortString(hostIP string, published, target int, proto string) string {
	return fmt.Sprintf("%s:%d:%d/%s", hostIP, published, target, defaultString(proto, "tcp"))
}

// mountsAttr renders volumes ("volume:<name>:<target>[:ro]") and binds
// ("bind:<abs path>:<target>[:ro]").
func mountsAttr(spec *lang.Spec, svc *lang.Service) ([]string, []planner.Dep) {
	var out []string
	var deps []planner.Dep
	for _, m := range svc.Mounts {
		ro := ""
		if m.ReadOnly {
			ro = ":ro"
		}
		if m.Volume != "" {
			out = append(out, "volume:"+m.Volume+":"+m.Target+ro)
			deps = append(deps, planner.Dep{To: planner.Address{Type: TypeVolume, Name: m.Volume}, Kind: planner.DepUses})
			continue
		}
		src := m.Source
		if !filepath.IsAbs(src) {
			src = filepath.Join(spec.Dir, src)
		}
		if abs, err := filepath.Abs(src); err == nil {
			src = abs
		}
		out = append(out, "bind:"+src+":"+m.Target+ro)
	}
	sort.Strings(out)
	return out, deps
}

// healthAttr renders the healthcheck: an explicit command, or for an http
// check the emulator's own probe (emulated) or wget (an image).
func healthAttr(h *lang.Health, emulatorProbe []string, port int) map[string]string {
	if h == nil || (h.HTTP == "" && len(h.Cmd) == 0) {
		return nil
	}
	test, timeout := h.Cmd, h.Timeout
	switch {
	case emulatorProbe != nil:
		// The emulator stands in for the image, whatever its own check
		// (pg_isready is not in a FROM scratch image), and answers its
		// own probe, which needs longer than a real service's.
		test, timeout = emulatorProbe, emulator.ProbeTimeout(h.Timeout)
	case len(test) == 0:
		test = []string{"CMD", "wget", "-q", "-O", "/dev/null", fmt.Sprintf("http://127.0.0.1:%d%s", port, h.HTTP)}
	case test[0] != "CMD" && test[0] != "CMD-SHELL" && test[0] != "NONE":
		test = append([]string{"CMD"}, test...)
	}
	return HealthAttr(test, h.Interval, timeout, h.StartPeriod, h.Retries)
}

// HealthAttr is the canonical form of a healthcheck, shared with Observe.
func HealthAttr(test []string, interval, timeout, start time.Duration, retries int) map[string]string {
	m := map[string]string{}
	data, _ := json.Marshal(test)
	m["test"] = string(data)
	for k, d := range map[string]time.Duration{"interval": interval, "timeout": timeout, "start_period": start} {
		if d > 0 {
			m[k] = d.String()
		}
	}
	if retries > 0 {
		m["retries"] = strconv.Itoa(retries)
	}
	return m
}

// restartPolicy maps the spec's restart condition to Docker's policy:
// any → always, on-failure[:max] → on-failure[:max], none → no.
func restartPolicy(r lang.Restart) string {
	switch r.Condition {
	case "none":
		return "no"
	case "on-failure":
		if r.MaxAttempts > 0 {
			return "on-failure:" + strconv.Itoa(r.MaxAttempts)
		}
		return "on-failure"
	}
	return "always"
}

func sortedUnique(in []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range in {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}
