package fromcompose

import (
	"fmt"
	"maps"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/compose-spec/compose-go/v2/types"
	"github.com/distribution/reference"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"
)

// service writes one Compose service as a berth service block.
func (c *converter) service(body *hclwrite.Body, s types.ServiceConfig) {
	at := func(path ...string) *hcl.Range { return c.src.At(append([]string{"services", s.Name}, path...)...) }
	body.AppendNewline()
	b := body.AppendNewBlock("service", []string{c.name("service", s.Name, at())}).Body()

	setString(b, "image", s.Image)
	if _, err := reference.ParseAnyReference(s.Image); s.Image != "" && err != nil {
		c.warn(at("image"), "Image is not a reference",
			"The image of %q reads %q, which Docker refuses (%v), so berth plan and apply refuse it too. A variable that came out empty (repo/name:${TAG}) leaves a name that ends in \":\": set it and import again, or fix image in the berth source.", s.Name, s.Image, err)
	}
	if s.Build != nil {
		what := "berth builds no images: build it (`docker compose build`) and set image"
		if s.Image == "" {
			what = "without an image berth runs its own emulator in its place (good for staging and load tests): build the image and set image to deploy the real service"
		}
		c.warn(at("build"), "build is not carried into berth", "The service %q is built from source; %s.", s.Name, what)
	}
	setStrings(b, "command", s.Command)
	if len(s.Entrypoint) > 0 {
		c.warn(at("entrypoint"), "entrypoint is not carried into berth",
			"berth's service has command but no entrypoint, so the image's entrypoint runs in the containers of %q. If the service needs %q, build it into the image.", s.Name, strings.Join(s.Entrypoint, " "))
	} else if s.Entrypoint != nil {
		c.warn(at("entrypoint"), "entrypoint is not carried into berth",
			"The Compose file clears the image's entrypoint of %q (entrypoint: \"\" or []); berth's service has no entrypoint, so the image's entrypoint runs, with command as its arguments. Build an image without it.", s.Name)
	}
	if r := s.GetScale(); r != 1 {
		setInt(b, "replicas", int64(r))
	}
	if s.Deploy != nil {
		switch s.Deploy.Mode {
		case "global":
			c.warn(at("deploy", "mode"), "Global mode imported as replicated",
				"berth runs a fixed number of replicas; set replicas to the number of nodes, with placement { max_replicas_per_node = 1 }, for one per node.")
		case "replicated-job", "global-job":
			c.warn(at("deploy", "mode"), "Job mode imported as a service",
				"Swarm runs the tasks of %q (mode %s) once, to completion; berth has no jobs and runs it as a service. Keep restart { condition = \"none\" } on it, so that its containers stay stopped once they exit.", s.Name, s.Deploy.Mode)
		}
	}
	c.serviceNetworks(b, s, at)
	c.dependsOn(b, s, at)
	credVars := c.environment(body, b, s, at)
	labels := map[string]string{}
	for k, v := range s.Labels {
		labels[k] = v
	}
	if s.Deploy != nil && len(s.Deploy.Labels) > 0 {
		for k, v := range s.Deploy.Labels {
			labels[k] = v
		}
		c.warn(at("deploy", "labels"), "deploy.labels merged into labels", "berth has one set of labels per service; the deploy labels of %q are among them.", s.Name)
	}
	labels = c.userLabels(labels, at("labels"), "service", s.Name)
	labelOrigins := c.labelOrigins(s, labels)
	c.filesCopied("label_file", "labels", s.Name, labelFiles(s), labelOrigins, nil)
	setObject(b, "labels", labels, nil, labelOrigins)
	c.fileRefs(b, "secret", s.Name, secretRefs(s.Secrets), at)
	c.fileRefs(b, "config", s.Name, configRefs(s.Configs), at)
	if s.Deploy != nil && s.Deploy.EndpointMode != "" && s.Deploy.EndpointMode != "vip" {
		setString(b, "endpoint_mode", s.Deploy.EndpointMode)
	}
	c.ports(b, s, at)
	c.mounts(b, s, at)
	c.resources(b, s, at)
	c.health(b, s, at)
	c.restart(b, s, at)
	if s.Deploy != nil {
		c.update(b, "update", s.Deploy.UpdateConfig)
		rollback := s.Deploy.RollbackConfig
		if rollback == nil && s.Deploy.UpdateConfig != nil {
			// swarm rolls back with its defaults, where berth's missing
			// rollback block means the update's settings
			rollback = &types.UpdateConfig{}
		}
		c.update(b, "rollback", rollback)
		c.placement(b, s.Deploy.Placement)
		for _, con := range s.Deploy.Placement.Constraints {
			if _, v, ok := cutConstraint(con); ok && v == "" {
				c.warn(at("deploy", "placement", "constraints"), "Placement constraint without a value",
					"The constraint %q of %q compares with nothing (a variable that came out empty, as node.hostname == ${HOSTNAME} when HOSTNAME is not exported), which swarm refuses, and so does berth: set the variable and import again, or fix the constraint in the berth source.", con, s.Name)
			}
		}
	}
	c.hideCredentials(b, s, credVars, at)
	c.unsupported(s, at)
	c.lostNameUses(s, at)
}

func (c *converter) serviceNetworks(b *hclwrite.Body, s types.ServiceConfig, at func(...string) *hcl.Range) {
	if s.NetworkMode != "" {
		c.warn(at("network_mode"), "network_mode is not carried into berth",
			"The service %q uses network_mode %q; berth attaches every service to its project's networks.", s.Name, s.NetworkMode)
	}
	nets := s.NetworksByPriority()
	var names []string
	for _, n := range nets {
		names = append(names, c.name("network", n, nil))
		if cfg := s.Networks[n]; cfg != nil && (len(cfg.Aliases) > 0 || cfg.Ipv4Address != "" || cfg.Ipv6Address != "" || cfg.MacAddress != "") {
			c.warn(at("networks", n), "Network settings not carried into berth",
				"aliases and fixed addresses are not carried: on %q the service is reached by its berth name, %q.", n, c.name("service", s.Name, nil))
		}
		c.notCarried(s.Name, at, []string{"networks", n}, []string{"aliases", "ipv4_address", "ipv6_address", "mac_address", "priority"}, s.Networks[n])
	}
	if len(nets) == 1 && nets[0] == "default" {
		return // berth's implicit network, as Compose's
	}
	setRefs(b, "networks", "network", names)
}

// environment writes env, and returns the Compose variables of the
// credentials kept out of it with the env keys that hold them
// (credentials_inline.go).
func (c *converter) environment(root, b *hclwrite.Body, s types.ServiceConfig, at func(...string) *hcl.Range) map[string]string {
	env := map[string]string{}
	var unset []string
	for k, v := range s.Environment {
		if v == nil {
			unset = append(unset, k)
			continue
		}
		env[k] = *v
	}
	sort.Strings(unset)
	if len(unset) > 0 {
		where := at("environment")
		if where == nil {
			where = at("env_file") // a line of the env file without a value
		}
		what := "%s take their value from the environment of `docker compose`, which did not set them at import. Add them to env, from a variable if they vary: env = { NAME = var.name }."
		if len(unset) == 1 {
			what = "%s takes its value from the environment of `docker compose`, which did not set it at import. Add it to env, from a variable if it varies: env = { NAME = var.name }."
		}
		c.warn(where, "Environment variables without a value left out", what, quoteList(unset))
	}
	creds := c.credentials(root, s.Name, env)
	var fromVars, fromFile []string
	for _, k := range slices.Sorted(maps.Keys(creds)) {
		if v := c.credVars[s.Name+"\x00"+k]; v != nil && v.envFile {
			fromFile = append(fromFile, k)
		} else {
			fromVars = append(fromVars, k)
		}
	}
	if len(fromVars) > 0 {
		c.credentialWarning(firstRange(at("environment", fromVars[0]), at("environment")), s.Name, fromVars)
	}
	if len(fromFile) > 0 {
		c.envFileCredentialWarning(firstRange(at("env_file"), at("environment")), s.Name, envFileNames(s.EnvFiles, c.p.WorkingDir), fromFile)
	}
	origins := c.envOrigins(s, env)
	fromCreds := map[string]bool{}
	for k := range creds {
		fromCreds[k] = true
	}
	c.envFileCopied(s, origins, fromCreds)
	setEnv(b, env, creds, origins)
	return c.credEnv(env, creds)
}

// envFileNames are the paths of a service's env_file files, relative to
// dir when they are under it.
func envFileNames(files []types.EnvFile, dir string) []string {
	var out []string
	for _, f := range files {
		p := f.Path
		if rel, err := filepath.Rel(dir, p); err == nil && !strings.HasPrefix(rel, "..") {
			p = rel
		}
		out = append(out, p)
	}
	return out
}

// secretRefs and configRefs return a service's references in one type.
func secretRefs(l []types.ServiceSecretConfig) []types.FileReferenceConfig {
	out := make([]types.FileReferenceConfig, len(l))
	for i, r := range l {
		out[i] = types.FileReferenceConfig(r)
	}
	return out
}

func configRefs(l []types.ServiceConfigObjConfig) []types.FileReferenceConfig {
	out := make([]types.FileReferenceConfig, len(l))
	for i, r := range l {
		out[i] = types.FileReferenceConfig(r)
	}
	return out
}

// fileRefs writes secrets = [...] or configs = [...]. berth mounts a
// secret at /run/secrets/<name> and a config at /<name>; another target,
// owner or mode is a warning.
func (c *converter) fileRefs(b *hclwrite.Body, kind, svc string, refs []types.FileReferenceConfig, at func(...string) *hcl.Range) {
	var names []string
	for _, r := range refs {
		if c.skipped[kind+"/"+r.Source] {
			c.warn(at(kind+"s"), "Reference to an external "+kind+" left out",
				"The service %q mounts the external %s %q, which was not imported.", svc, kind, r.Source)
			continue
		}
		n := c.name(kind, r.Source, nil)
		names = append(names, n)
		// where Compose mounts it: target, relative to the directory
		// of secrets (or /), by default the name in the Compose file
		dir := "/run/secrets/"
		if kind == "config" {
			dir = "/"
		}
		target, mount := r.Target, dir+n
		if target == "" {
			target = r.Source
		}
		if !strings.HasPrefix(target, "/") {
			target = dir + target
		}
		where := firstRange(at(kind+"s", r.Source), at(kind+"s"))
		switch owner := ownerAndMode(r); {
		case target != mount:
			c.warn(where, kind+" target not carried into berth",
				"berth mounts the %s %q in the containers of %q read-only at %s, where the Compose file mounts it at %s; a target, uid, gid or mode given in the Compose file is not carried. Point the service at %s (its env or command), or build the path into its image.", kind, r.Source, svc, mount, target, mount)
		case owner != "":
			c.warn(where, kind+" owner and mode not carried into berth",
				"berth mounts the %s %q in the containers of %q at %s, as the Compose file does, but read-only with the engine's owner and mode: the %s the Compose file gives is not carried. If the service reads it as another user, make the file readable to that user.", kind, r.Source, svc, mount, owner)
		}
	}
	setRefs(b, kind+"s", kind, names)
}

// ownerAndMode names the uid, gid and mode a secret or config reference
// sets, or "".
func ownerAndMode(r types.FileReferenceConfig) string {
	var l []string
	if r.UID != "" {
		l = append(l, "uid "+r.UID)
	}
	if r.GID != "" {
		l = append(l, "gid "+r.GID)
	}
	if r.Mode != nil {
		l = append(l, fmt.Sprintf("mode %#o", int64(*r.Mode)))
	}
	return strings.Join(l, ", ")
}

func (c *converter) ports(b *hclwrite.Body, s types.ServiceConfig, at func(...string) *hcl.Range) {
	var ports []any
	for _, p := range s.Ports {
		ports = append(ports, p)
	}
	c.notCarried(s.Name, at, []string{"ports"}, []string{"mode", "host_ip", "target", "published", "protocol", "name", "app_protocol"}, ports...)
	for _, p := range s.Ports {
		if p.Name != "" || p.AppProtocol != "" {
			c.warn(at("ports"), "Port names not carried into berth",
				"berth's port block has no name or app_protocol. They describe the ports of %q to tools (the engine ignores them), so the containers run the same without them.", s.Name)
			break
		}
	}
	var unpublished []string // one warning for them all ("3000-3002" is three)
	defer func() {
		if len(unpublished) == 0 {
			return
		}
		what, them := "port "+unpublished[0]+" on a host port", "it"
		if len(unpublished) > 1 {
			what, them = "ports "+strings.Join(unpublished, ", ")+" on host ports", "them"
		}
		c.warn(at("ports"), "Port without a host port not published",
			"The service %q publishes %s the engine picks. berth publishes a port only on the host port given as published, so %s reached from the project's networks only: set published to reach %s from the host.",
			s.Name, what, map[bool]string{true: "it is", false: "they are"}[len(unpublished) == 1], them)
	}()
	swarm, _ := c.swarmOnly()
	for i, p := range s.Ports {
		pb := b.AppendNewBlock("port", nil).Body()
		item := c.itemAt(s.Name, "ports", i, len(s.Ports))
		if p.Published != "" {
			first, _, isRange := strings.Cut(p.Published, "-")
			if n, err := strconv.ParseInt(first, 10, 32); err == nil {
				setInt(pb, "published", n)
				if r := s.GetScale(); r > 1 && !isRange && swarm == nil {
					c.warn(item, "Replicas published on consecutive host ports",
						"The service %q has %d replicas and publishes port %d on host port %d. docker compose publishes it once, so one replica starts and the others fail (port is already allocated); berth publishes replica i on host port %d+i-1, %d-%d. To have both run the same, publish a range in the Compose file (\"%d-%d:%d\").",
						s.Name, r, p.Target, n, n, n, n+int64(r)-1, n, n+int64(r)-1, p.Target)
				}
			} else {
				c.warn(item, "Host port not a number",
					"The service %q publishes port %d on host port %q, which Docker refuses. berth publishes it on no host port: set published in the berth source.", s.Name, p.Target, p.Published)
			}
			if isRange {
				c.warn(item, "Port range imported as its first port",
					"The service %q publishes the range %s; berth publishes one host port per port block (replicas take the next ones).", s.Name, p.Published)
			}
		}
		if p.Published == "" {
			unpublished = append(unpublished, strconv.Itoa(int(p.Target)))
		}
		setInt(pb, "target", int64(p.Target))
		setString(pb, "host_ip", p.HostIP)
		if p.Protocol != "" && p.Protocol != "tcp" {
			setString(pb, "protocol", p.Protocol)
		}
		if p.Mode == "host" {
			setString(pb, "mode", p.Mode)
		}
	}
}

func (c *converter) resources(b *hclwrite.Body, s types.ServiceConfig, at func(...string) *hcl.Range) {
	cpus, mem := float64(s.CPUS), int64(s.MemLimit)
	if s.Deploy != nil {
		if l := s.Deploy.Resources.Limits; l != nil {
			c.notCarried(s.Name, at, []string{"deploy", "resources", "limits"}, []string{"cpus", "memory"}, l)
			if l.NanoCPUs != 0 {
				cpus = float64(l.NanoCPUs.Value())
			}
			if l.MemoryBytes != 0 {
				mem = int64(l.MemoryBytes)
			}
		}
		if s.Deploy.Resources.Reservations != nil {
			c.warn(at("deploy", "resources", "reservations"), "Reservations not carried into berth",
				"berth sets limits (cpus, memory), not reservations: the containers of %q run without the reservations the Compose file gives.", s.Name)
		}
	}
	if cpus == 0 && mem == 0 {
		return
	}
	rb := b.AppendNewBlock("resources", nil).Body()
	if cpus != 0 {
		// float32 in compose-go: round to what a person wrote
		v, _ := strconv.ParseFloat(strconv.FormatFloat(cpus, 'g', 6, 32), 64)
		rb.SetAttributeValue("cpus", ctyNumber(v))
	}
	if mem != 0 {
		setString(rb, "memory", sizeText(mem))
	}
}

// sizeText writes bytes in the largest binary unit that divides them.
func sizeText(n int64) string {
	for _, u := range []struct {
		s string
		v int64
	}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}} {
		if n%u.v == 0 {
			return strconv.FormatInt(n/u.v, 10) + u.s
		}
	}
	return strconv.FormatInt(n, 10) + "B"
}

func (c *converter) health(b *hclwrite.Body, s types.ServiceConfig, at func(...string) *hcl.Range) {
	h := s.HealthCheck
	if h != nil && (h.Disable || len(h.Test) > 0 && h.Test[0] == "NONE") {
		c.warn(at("healthcheck"), "Disabled health check not carried into berth",
			"berth cannot turn off the health check of the image of %q: if the image declares a HEALTHCHECK, it runs, and apply waits for it to pass.", s.Name)
		return
	}
	if h != nil && len(h.Test) == 0 && (h.Interval != nil || h.Timeout != nil || h.Retries != nil || h.StartPeriod != nil || h.StartInterval != nil) {
		c.warn(at("healthcheck"), "Health check without a test not carried into berth",
			"The health check of %q sets its timing but no test, so Compose applies it to the image's own HEALTHCHECK. berth's health block needs a test (cmd or http): the image's check runs with the image's timing. Add health { cmd = [...] } with the image's test to set it.", s.Name)
		return
	}
	if h == nil || len(h.Test) == 0 {
		return
	}
	hb := b.AppendNewBlock("health", nil).Body()
	test := []string(h.Test)
	if test[0] != "CMD" && test[0] != "CMD-SHELL" {
		test = append([]string{"CMD-SHELL"}, strings.Join(test, " "))
	}
	setStrings(hb, "cmd", test)
	setDuration(hb, "interval", h.Interval)
	setDuration(hb, "timeout", h.Timeout)
	if h.Retries != nil && *h.Retries > 0 { // 0: Docker's default, 3, as when unset
		setInt(hb, "retries", int64(*h.Retries))
	}
	setDuration(hb, "start_period", h.StartPeriod)
	if h.StartInterval != nil {
		c.warn(at("healthcheck", "start_interval"), "start_interval not carried into berth", "berth probes the containers of %q at interval from the start.", s.Name)
	}
}

func setDuration(b *hclwrite.Body, name string, d *types.Duration) {
	if d != nil && *d > 0 {
		setString(b, name, durText(time.Duration(*d)))
	}
}

// durText writes d as a person would: 2m, not 2m0s; 1h30m, not 1h30m0s.
func durText(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// restart writes the restart policy: deploy.restart_policy (Swarm's) when
// given, else Compose's restart.
func (c *converter) restart(b *hclwrite.Body, s types.ServiceConfig, at func(...string) *hcl.Range) {
	if s.Deploy != nil && s.Deploy.RestartPolicy != nil {
		rp := s.Deploy.RestartPolicy
		rb := b.AppendNewBlock("restart", nil).Body()
		setString(rb, "condition", map[string]string{"on-failure": "on-failure", "none": "none", "any": "any"}[rp.Condition])
		setDuration(rb, "delay", rp.Delay)
		if rp.MaxAttempts != nil && *rp.MaxAttempts > 0 {
			setInt(rb, "max_attempts", int64(*rp.MaxAttempts))
		}
		setDuration(rb, "window", rp.Window)
		if s.Restart != "" {
			c.warn(at("restart"), "restart and deploy.restart_policy", "berth has one restart policy; deploy.restart_policy was imported, restart %q left out.", s.Restart)
		}
		return
	}
	// No restart: Compose restarts nothing, while berth's default restarts
	// always; "none" keeps a one-shot service (a migration, an init job)
	// from being restarted after it exits. A service written for docker
	// stack deploy keeps swarm's default, any, which is berth's.
	if s.Restart == "" && forSwarm(s) {
		return
	}
	cond, n, _ := strings.Cut(s.Restart, ":")
	rb := b.AppendNewBlock("restart", nil).Body()
	switch cond {
	case "", "no":
		setString(rb, "condition", "none")
	case "on-failure":
		setString(rb, "condition", "on-failure")
		if m, err := strconv.ParseInt(n, 10, 64); err == nil && m > 0 {
			setInt(rb, "max_attempts", m)
		}
	default: // always, unless-stopped
		setString(rb, "condition", "any")
		if cond != "always" && cond != "unless-stopped" {
			c.warn(at("restart"), "Unknown restart policy imported as any",
				"restart %q is none of no, always, on-failure[:N] or unless-stopped, which Docker refuses; berth restarts the containers of %q whenever they stop. Fix restart in the berth source.", s.Restart, s.Name)
		}
		if cond == "unless-stopped" {
			c.warn(at("restart"), "unless-stopped imported as any", "berth restarts the containers of %q whenever they stop; a container stopped by hand is restarted by the next apply.", s.Name)
		}
	}
}

// forSwarm tells whether the service sets what only docker stack deploy
// reads: global mode, placement, update or rollback config, endpoint_mode.
func forSwarm(s types.ServiceConfig) bool {
	d := s.Deploy
	return d != nil && (d.Mode == "global" || d.Placement.Constraints != nil || d.Placement.Preferences != nil ||
		d.Placement.MaxReplicas > 0 || d.UpdateConfig != nil || d.RollbackConfig != nil || d.EndpointMode != "")
}

func (c *converter) update(b *hclwrite.Body, kind string, u *types.UpdateConfig) {
	if u == nil {
		return
	}
	ub := b.AppendNewBlock(kind, nil).Body()
	if u.Parallelism != nil {
		setInt(ub, "parallelism", int64(*u.Parallelism))
	}
	if u.Delay > 0 {
		setString(ub, "delay", durText(time.Duration(u.Delay)))
	}
	setString(ub, "order", u.Order)
	setString(ub, "failure_action", u.FailureAction)
	if u.Monitor > 0 {
		setString(ub, "monitor", durText(time.Duration(u.Monitor)))
	}
	if u.MaxFailureRatio > 0 {
		ub.SetAttributeValue("max_failure_ratio", ctyNumber(float64(u.MaxFailureRatio)))
	}
}

func (c *converter) placement(b *hclwrite.Body, p types.Placement) {
	if len(p.Constraints) == 0 && len(p.Preferences) == 0 && p.MaxReplicas == 0 {
		return
	}
	pb := b.AppendNewBlock("placement", nil).Body()
	setStrings(pb, "constraints", p.Constraints)
	if p.MaxReplicas > 0 {
		setInt(pb, "max_replicas_per_node", int64(p.MaxReplicas))
	}
	var spread []string
	for _, pr := range p.Preferences {
		spread = append(spread, pr.Spread)
	}
	setStrings(pb, "spread", spread)
}

// cutConstraint splits a placement constraint at == or != into its key
// and its value, trimmed; ok is false when it has neither.
func cutConstraint(con string) (key, value string, ok bool) {
	for _, op := range []string{"==", "!="} {
		if k, v, found := strings.Cut(con, op); found {
			return strings.TrimSpace(k), strings.TrimSpace(v), true
		}
	}
	return "", "", false
}
