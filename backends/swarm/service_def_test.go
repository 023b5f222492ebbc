package swarm

import (
	"encoding/json"
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"pgregory.net/rapid"

	"github.com/berth-dev/berth/planner"
)

// genServiceDef draws service definitions in the canonical form the
// Target writes (sorted lists, defaults filled).
func genServiceDef() *rapid.Generator[*serviceDef] {
	word := rapid.StringMatching(`[a-z][a-z0-9_-]{0,6}`)
	dur := rapid.Custom(func(t *rapid.T) time.Duration {
		return time.Duration(rapid.IntRange(0, 120).Draw(t, "s")) * 500 * time.Millisecond
	})
	upd := rapid.Custom(func(t *rapid.T) updateDef {
		return updateDef{
			Parallelism:     uint64(rapid.IntRange(0, 4).Draw(t, "par")),
			Delay:           dur.Draw(t, "delay"),
			Monitor:         dur.Draw(t, "monitor"),
			Order:           rapid.SampledFrom([]string{"stop-first", "start-first"}).Draw(t, "order"),
			FailureAction:   rapid.SampledFrom([]string{"pause", "continue", "rollback"}).Draw(t, "fa"),
			MaxFailureRatio: rapid.SampledFrom([]float64{0, 0.1, 0.25, 0.5, 1}).Draw(t, "ratio"),
		}
	})
	return rapid.Custom(func(t *rapid.T) *serviceDef {
		d := &serviceDef{
			Image:        rapid.SampledFrom([]string{"shop/orders:1.3", "berth-emulator:abc", "registry.local:5000/x@sha256:00"}).Draw(t, "image"),
			Args:         rapid.SliceOfN(rapid.StringMatching(`[ -~]{0,12}`), 0, 3).Draw(t, "args"),
			Env:          rapid.MapOfN(rapid.StringMatching(`[A-Z_]{1,6}`), rapid.StringMatching(`[ -~]{0,10}`), 0, 3).Draw(t, "env"),
			Labels:       rapid.MapOfN(rapid.StringMatching(`[a-z.]{1,6}`), rapid.StringMatching(`[a-z0-9]{0,5}`), 0, 2).Draw(t, "labels"),
			Networks:     sortedCopy(rapid.SliceOfNDistinct(word, 1, 3, rapid.ID).Draw(t, "nets")),
			EndpointMode: rapid.SampledFrom([]string{"vip", "dnsrr"}).Draw(t, "em"),
			CPUs:         rapid.SampledFrom([]float64{0, 0.25, 0.5, 1, 1.5, 2}).Draw(t, "cpus"),
			Memory:       int64(rapid.IntRange(0, 4).Draw(t, "mem")) << 26,
			Restart: restartDef{
				Condition: rapid.SampledFrom([]string{"any", "on-failure", "none"}).Draw(t, "cond"),
				Delay:     dur.Draw(t, "rdelay"), Window: dur.Draw(t, "window"),
				MaxAttempts: uint64(rapid.IntRange(0, 5).Draw(t, "attempts")),
			},
			Update:      upd.Draw(t, "update"),
			Rollback:    upd.Draw(t, "rollback"),
			Constraints: sortedCopy(rapid.SliceOfN(rapid.SampledFrom([]string{"node.role == manager", "node.labels.zone == a"}), 0, 2).Draw(t, "cons")),
			MaxPerNode:  uint64(rapid.IntRange(0, 3).Draw(t, "maxpn")),
			Spread:      rapid.SliceOfN(rapid.SampledFrom([]string{"node.labels.zone", "node.labels.rack"}), 0, 2).Draw(t, "spread"),
			Replicas:    uint64(rapid.IntRange(0, 5).Draw(t, "replicas")),
		}
		for _, p := range rapid.SliceOfNDistinct(rapid.IntRange(1, 65535), 0, 2, rapid.ID).Draw(t, "ports") {
			d.Ports = append(d.Ports, portDef{
				Published: uint32(rapid.SampledFrom([]int{0, p}).Draw(t, "pub")), Target: uint32(p),
				Protocol: rapid.SampledFrom([]string{"tcp", "udp"}).Draw(t, "proto"),
				Mode:     rapid.SampledFrom([]string{"ingress", "host"}).Draw(t, "mode"),
			})
		}
		sort.Slice(d.Ports, func(i, j int) bool { return d.Ports[i].String() < d.Ports[j].String() })
		for _, n := range sortedCopy(rapid.SliceOfNDistinct(word, 0, 2, rapid.ID).Draw(t, "secrets")) {
			d.Secrets = append(d.Secrets, fileRef{Name: n, Version: "p_" + n + "-0123abcd"})
		}
		for _, n := range sortedCopy(rapid.SliceOfNDistinct(word, 0, 2, rapid.ID).Draw(t, "configs")) {
			d.Configs = append(d.Configs, fileRef{Name: n, Version: "p_" + n + "-89abcdef"})
		}
		for i := range rapid.IntRange(0, 2).Draw(t, "mounts") {
			d.Mounts = append(d.Mounts, mountDef{
				Type: "volume", Source: fmt.Sprintf("data%d", i), Target: fmt.Sprintf("/var/lib/d%d", i),
				ReadOnly: rapid.Bool().Draw(t, "ro"),
			})
		}
		if rapid.Bool().Draw(t, "health") {
			d.Health = &healthDef{
				Test:     []string{"CMD", "/berth", "emulate", "--probe", "http://127.0.0.1:8080/healthz"},
				Interval: dur.Draw(t, "hi"), Timeout: dur.Draw(t, "ht"), StartPeriod: dur.Draw(t, "hs"),
				Retries: rapid.IntRange(0, 5).Draw(t, "hr"),
			}
		}
		return d
	})
}

var defCmp = cmp.Options{cmpopts.EquateEmpty()}

// Attrs → serviceDef → Attrs loses nothing, also through a plan file
// (JSON, then Normalize).
func TestServiceAttrsRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := genServiceDef().Draw(t, "def")
		a := d.attrs()
		back, err := defFromAttrs(a)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(d, back, defCmp); diff != "" {
			t.Fatalf("defFromAttrs(attrs(d)) differs (-want +got):\n%s", diff)
		}
		b, err := json.Marshal(a)
		if err != nil {
			t.Fatal(err)
		}
		var fromJSON planner.Attrs
		if err := json.Unmarshal(b, &fromJSON); err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(a, fromJSON.Normalize()); diff != "" {
			t.Fatalf("attrs through JSON differ (-want +got):\n%s", diff)
		}
	})
}

// serviceDef → swarm.ServiceSpec → serviceDef loses nothing: what berth
// observes of a service it made plans no change.
func TestServiceSpecRoundTrip(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		d := genServiceDef().Draw(t, "def")
		env := specEnv{Project: "p", Name: "svc", Address: "service.svc", ConfigHash: "h",
			SecretIDs: map[string]string{}, ConfigIDs: map[string]string{}}
		netIDs := map[string]string{}
		for _, r := range d.Secrets {
			env.SecretIDs[r.Version] = "id-" + r.Version
		}
		for _, r := range d.Configs {
			env.ConfigIDs[r.Version] = "id-" + r.Version
		}
		spec, err := d.swarmSpec(env)
		if err != nil {
			t.Fatal(err)
		}
		// The engine stores network ids where the spec named networks.
		for i, n := range spec.TaskTemplate.Networks {
			id := "netid-" + n.Target
			netIDs[id] = n.Target[len("p_"):]
			spec.TaskTemplate.Networks[i].Target = id
		}
		back := defFromSwarm(spec, observeEnv{Project: "p", Networks: netIDs})
		if diff := cmp.Diff(d, back, defCmp); diff != "" {
			t.Fatalf("defFromSwarm(swarmSpec(d)) differs (-want +got):\n%s", diff)
		}
		if spec.Labels[LabelStack] != "p" || spec.TaskTemplate.ContainerSpec.Labels[LabelStack] != "p" {
			t.Fatalf("stack namespace labels missing: %v", spec.Labels)
		}
	})
}

func TestParseAttrErrors(t *testing.T) {
	for _, a := range []planner.Attrs{
		{attrPorts: []string{"8080"}},
		{attrPorts: []string{"x:8080/tcp@host"}},
		{attrSecrets: []string{"jwt"}},
		{attrMounts: []string{"volume:data"}},
		{attrMounts: []string{"volume:data:/x:rw"}},
	} {
		if _, err := defFromAttrs(a); err == nil {
			t.Errorf("defFromAttrs(%v): no error", a)
		}
	}
}
