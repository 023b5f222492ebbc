package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/compose-spec/compose-go/v2/types"
	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/lang/fromcompose"
)

// Every Compose file of berth import's testdata, imported, validated,
// left as it is by berth fmt, exported with berth export compose and loaded back with compose-go,
// keeps what its services mean: image, command, environment, published
// ports, mounts, health check, restart policy, depends_on, resources,
// replicas, labels, secrets and configs. What changes is excused only by a
// warning of the import about that service (a renamed service, a tmpfs
// berth cannot mount, a condition it does not wait for): nothing is lost
// silently. Defaults are compared as the engine applies them (a health
// check without a timeout has 30s; restart "" is "no").
func TestImportExportFidelity(t *testing.T) {
	t.Setenv("DOCKER_HOST", "unix:///nonexistent/h65.sock") // an emulated service names the emulator image without building it
	src := filepath.Join("..", "..", "..", "lang", "fromcompose", "testdata")
	dirs, _ := filepath.Glob(filepath.Join(src, "*"))
	for _, dir := range dirs {
		switch filepath.Base(dir) {
		case "fuzz", "empty":
			continue // FuzzImport's corpus; no service to export
		case "constraints", "images":
			continue // the import warns that they do not deploy (an empty constraint, an empty tag); export refuses them
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			fidelity(t, dir)
		})
	}
}

func fidelity(t *testing.T, dir string) {
	files := fidelityFiles(dir)
	env := []string{"TLS_CERT=from-env"}
	orig, osrc, diags := fromcompose.Load(context.Background(), fromcompose.Options{Files: files, Environ: env})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	out := t.TempDir()
	src, vars, cdiags := fromcompose.Convert(orig, osrc, out)
	diags = append(diags, cdiags...)
	if err := os.WriteFile(filepath.Join(out, "compose.berth.hcl"), src, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, v := range vars {
		t.Setenv(lang.EnvVarPrefix+v, "placeholder")
		env = append(env, lang.EnvVarPrefix+v+"=placeholder")
	}
	runBerthOutput(t, 0, "validate", out)
	runBerthOutput(t, 0, "fmt", "--check", out) // exit 3 when fmt would rewrite the imported source
	yml := filepath.Join(out, "exported.yaml")
	runBerthOutput(t, 0, "export", "compose", out, "-o", yml)
	back, _, bdiags := fromcompose.Load(context.Background(), fromcompose.Options{Files: []string{yml}, Project: orig.Name, Environ: env})
	if bdiags.HasErrors() {
		data, _ := os.ReadFile(yml)
		t.Fatalf("compose-go does not load the exported file: %s\n%s", bdiags.Error(), data)
	}
	swarm := strings.Contains(string(src), `backend = "swarm"`)
	for _, name := range slices.Sorted(func(yield func(string) bool) {
		for n := range orig.Services {
			if !yield(n) {
				return
			}
		}
	}) {
		a := orig.Services[name]
		b, ok := back.Services[name]
		if !ok {
			b = types.ServiceConfig{Name: name}
		}
		for _, d := range serviceDiffs(a, b, ok, swarm) {
			if !excused(diags, name, d.aspect) {
				t.Errorf("service %q: %s changed with no warning of the import about it: %s", name, d.aspect, d.what)
			}
		}
	}
}

// fidelityFiles lists a directory's Compose files, the base one first, as
// the golden test of lang/fromcompose does.
func fidelityFiles(dir string) []string {
	var files []string
	for _, pat := range []string{"*.yaml", "*.yml"} {
		m, _ := filepath.Glob(filepath.Join(dir, pat))
		files = append(files, m...)
	}
	base := func(f string) bool {
		b := filepath.Base(f)
		return strings.HasPrefix(b, "compose.") || strings.HasPrefix(b, "docker-compose.") || strings.HasPrefix(b, "base.")
	}
	sort.SliceStable(files, func(i, j int) bool { return base(files[i]) && !base(files[j]) })
	return files
}

// excuses are the words of the import's warnings that account for a
// change of each aspect.
var excuses = map[string][]string{
	"service":     {"Renamed"},
	"image":       {"build is not carried"},
	"command":     {"build is not carried", "Credential in the command"},
	"entrypoint":  {"entrypoint is not carried"},
	"environment": {"without a value left out", "build is not carried", "Credentials from"},
	"ports":       {"Port without a host port", "Port range imported", "Host port not a number", "Replicas published on consecutive"},
	"volumes":     {"Mount not carried", "Anonymous volume", "Renamed", "External volume"},
	"healthcheck": {"start_interval not carried", "Disabled health check", "Health check without a test", "build is not carried", "Credential in the health check"},
	"restart":     {"unless-stopped imported", "Unknown restart policy"},
	"depends_on":  {"depends_on condition", "depends_on restart", "Optional dependency", "links is not carried", "Renamed"},
	"resources":   {"Reservations not carried", "limits.pids is not carried"},
	"labels":      {"Reserved labels"},
	"secrets":     {"secret target", "secret owner", "external secret", "Renamed"},
	"configs":     {"config target", "config owner", "external config", "Renamed"},
	"networks":    {"network_mode is not carried", "Renamed"},
}

// excused tells whether a warning about service accounts for a change of
// aspect: its summary has one of the aspect's words, and it names the
// service (or is about the file as a whole).
func excused(diags hcl.Diagnostics, service, aspect string) bool {
	for _, d := range diags {
		if d.Severity != hcl.DiagWarning {
			continue
		}
		if !slices.ContainsFunc(excuses[aspect], func(w string) bool { return strings.Contains(d.Summary, w) }) {
			continue
		}
		if strings.Contains(d.Detail, fmt.Sprintf("%q", service)) || strings.Contains(d.Detail, " "+service+" ") {
			return true
		}
	}
	return false
}

type serviceDiff struct{ aspect, what string }

// serviceDiffs compares what a service means before and after the round
// trip, each aspect normalized to what the engine runs.
func serviceDiffs(a, b types.ServiceConfig, found, swarm bool) []serviceDiff {
	if !found {
		return []serviceDiff{{"service", "missing from the exported file"}}
	}
	var out []serviceDiff
	cmp := func(aspect string, x, y any) {
		if xs, ys := fmt.Sprint(x), fmt.Sprint(y); xs != ys {
			out = append(out, serviceDiff{aspect, xs + " → " + ys})
		}
	}
	cmp("image", a.Image, b.Image)
	cmp("command", []string(a.Command), []string(b.Command))
	cmp("entrypoint", []string(a.Entrypoint), []string(b.Entrypoint))
	cmp("environment", envOf(a), envOf(b))
	cmp("ports", portsOf(a, swarm), portsOf(b, swarm))
	cmp("volumes", mountsOf(a), mountsOf(b))
	cmp("healthcheck", healthOf(a), healthOf(b))
	cmp("restart", restartOf(a, swarm), restartOf(b, swarm))
	cmp("depends_on", dependsOf(a, swarm), dependsOf(b, swarm))
	cmp("resources", limitsOf(a), limitsOf(b))
	cmp("replicas", a.GetScale(), b.GetScale())
	cmp("labels", labelsOf(a), labelsOf(b))
	cmp("secrets", refsOf(secretRefs(a.Secrets), "/run/secrets/"), refsOf(secretRefs(b.Secrets), "/run/secrets/"))
	cmp("configs", refsOf(configRefs(a.Configs), "/"), refsOf(configRefs(b.Configs), "/"))
	cmp("networks", networksOf(a), networksOf(b))
	return out
}

// envOf is the environment with a sensitive variable's placeholder as
// any value: the import made a credential a variable, which the test
// sets to "placeholder".
func envOf(s types.ServiceConfig) string {
	var l []string
	for k, v := range s.Environment {
		if v == nil {
			continue // unset: the container does not get it
		}
		l = append(l, k+"="+strings.ReplaceAll(*v, "placeholder", "…"))
	}
	sort.Strings(l)
	return strings.Join(l, "\n")
}

// portsOf lists the published ports; mode applies to swarm only, host_ip
// to compose only (docker stack deploy ignores it).
func portsOf(s types.ServiceConfig, swarm bool) []string {
	var l []string
	for _, p := range s.Ports {
		ip, mode := p.HostIP, ""
		if swarm {
			ip, mode = "", p.Mode
		}
		l = append(l, fmt.Sprintf("%s:%s:%d/%s %s", ip, p.Published, p.Target, p.Protocol, mode))
	}
	sort.Strings(l)
	return l
}

func mountsOf(s types.ServiceConfig) []string {
	var l []string
	for _, v := range s.Volumes {
		l = append(l, fmt.Sprintf("%s %s:%s ro=%v", v.Type, v.Source, v.Target, v.ReadOnly))
	}
	sort.Strings(l)
	return l
}

// healthOf is the health check as the engine runs it: Docker's defaults
// for what is not set (interval and timeout 30s, 3 retries, which
// retries: 0 means too).
func healthOf(s types.ServiceConfig) string {
	h := s.HealthCheck
	if h == nil || h.Disable || len(h.Test) == 0 || h.Test[0] == "NONE" {
		return "the image's"
	}
	d := func(p *types.Duration, def time.Duration) time.Duration {
		if p == nil || *p == 0 {
			return def
		}
		return time.Duration(*p)
	}
	retries := uint64(3)
	if h.Retries != nil && *h.Retries > 0 {
		retries = *h.Retries
	}
	return fmt.Sprintf("%q interval=%v timeout=%v retries=%d start_period=%v start_interval=%v",
		[]string(h.Test), d(h.Interval, 30*time.Second), d(h.Timeout, 30*time.Second), retries, d(h.StartPeriod, 0), d(h.StartInterval, 5*time.Second))
}

// restartOf is the restart policy as compose or swarm applies it.
func restartOf(s types.ServiceConfig, swarm bool) string {
	var p *types.RestartPolicy
	if s.Deploy != nil {
		p = s.Deploy.RestartPolicy
	}
	if swarm {
		if p == nil {
			return "any"
		}
		out := p.Condition
		if p.MaxAttempts != nil && *p.MaxAttempts > 0 {
			out += fmt.Sprintf(" max=%d", *p.MaxAttempts)
		}
		if p.Delay != nil && time.Duration(*p.Delay) != 5*time.Second {
			out += fmt.Sprintf(" delay=%v", *p.Delay)
		}
		if p.Window != nil && *p.Window != 0 {
			out += fmt.Sprintf(" window=%v", *p.Window)
		}
		return out
	}
	if s.Restart != "" || p == nil {
		return strings.TrimSuffix(cmpOr(s.Restart, "no"), ":0")
	}
	switch p.Condition { // docker compose maps deploy.restart_policy to the container's
	case "any":
		return "always"
	case "none":
		return "no"
	}
	if p.MaxAttempts != nil && *p.MaxAttempts > 0 {
		return fmt.Sprintf("on-failure:%d", *p.MaxAttempts)
	}
	return "on-failure"
}

func cmpOr(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// dependsOf lists depends_on; docker stack deploy ignores it.
func dependsOf(s types.ServiceConfig, swarm bool) []string {
	if swarm {
		return nil
	}
	var l []string
	for n, d := range s.DependsOn {
		l = append(l, fmt.Sprintf("%s:%s restart=%v required=%v", n, d.Condition, d.Restart, d.Required))
	}
	sort.Strings(l)
	return l
}

// limitsOf is the CPU and memory limits, from cpus and mem_limit or
// deploy.resources, and the reservations.
func limitsOf(s types.ServiceConfig) string {
	cpus, mem := float64(s.CPUS), int64(s.MemLimit)
	var res string
	if s.Deploy != nil {
		if l := s.Deploy.Resources.Limits; l != nil {
			cpus, mem = cmpOrF(float64(l.NanoCPUs), cpus), cmpOrI(int64(l.MemoryBytes), mem)
			if l.Pids != 0 {
				res += fmt.Sprintf(" pids=%d", l.Pids)
			}
		}
		if r := s.Deploy.Resources.Reservations; r != nil && (r.NanoCPUs != 0 || r.MemoryBytes != 0) {
			res += fmt.Sprintf(" reserved cpus=%v memory=%d", r.NanoCPUs, r.MemoryBytes)
		}
	}
	return fmt.Sprintf("cpus=%v memory=%d%s", cpus, mem, res)
}

func cmpOrF(a, b float64) float64 {
	if a != 0 {
		return a
	}
	return b
}

func cmpOrI(a, b int64) int64 {
	if a != 0 {
		return a
	}
	return b
}

// labelsOf merges the service's labels and deploy.labels: berth has one
// set (the import warns when it merges them).
func labelsOf(s types.ServiceConfig) string {
	m := map[string]string{}
	for k, v := range s.Labels {
		m[k] = v
	}
	if s.Deploy != nil {
		for k, v := range s.Deploy.Labels {
			m[k] = v
		}
	}
	return fmt.Sprint(m)
}

func secretRefs(l []types.ServiceSecretConfig) []types.FileReferenceConfig {
	var out []types.FileReferenceConfig
	for _, r := range l {
		out = append(out, types.FileReferenceConfig(r))
	}
	return out
}

func configRefs(l []types.ServiceConfigObjConfig) []types.FileReferenceConfig {
	var out []types.FileReferenceConfig
	for _, r := range l {
		out = append(out, types.FileReferenceConfig(r))
	}
	return out
}

// refsOf lists secret or config references with the path they are
// mounted at (a relative target is under dir; none is the source's name)
// and their owner and mode.
func refsOf(l []types.FileReferenceConfig, dir string) []string {
	var out []string
	for _, r := range l {
		target := cmpOr(r.Target, r.Source)
		if !strings.HasPrefix(target, "/") {
			target = dir + target
		}
		mode := ""
		if r.Mode != nil {
			mode = fmt.Sprintf("%#o", int64(*r.Mode))
		}
		out = append(out, fmt.Sprintf("%s>%s uid=%s gid=%s mode=%s", r.Source, target, r.UID, r.GID, mode))
	}
	sort.Strings(out)
	return out
}

func networksOf(s types.ServiceConfig) []string {
	var l []string
	for n := range s.Networks {
		l = append(l, n)
	}
	if len(l) == 0 && s.NetworkMode == "" {
		l = []string{"default"}
	}
	sort.Strings(l)
	return l
}
