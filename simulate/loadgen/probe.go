package loadgen

import (
	"context"
	"fmt"
	"net/url"
	"time"

	"github.com/berth-dev/berth/lang"
)

// The calibration probe: ProbeService answers "direct" at once and
// "chain" after ProbeHops calls, one after another, to EchoService, which
// answers at once. Nothing does local work, so the chain costs ProbeHops
// round trips more than the direct call: 2·ProbeHops hops. Its "work"
// endpoint does ProbeWork of local work (a sleep in the emulator) and
// shows how much longer than asked such work takes on the machine.
const (
	ProbeService = "probe"
	EchoService  = "echo"
	ProbeHops    = 8
	ProbeWork    = 5 * time.Millisecond
)

// ProbeSpec returns the calibration project: ProbeService published on
// 127.0.0.1:port, EchoService behind it, both emulated, on the project's
// default network.
func ProbeSpec(project string, port int) *lang.Spec {
	call := func() *lang.Step {
		return &lang.Step{Kind: lang.StepCall, Call: &lang.Call{Service: EchoService, Probability: 1}}
	}
	chain := &lang.Step{Kind: lang.StepSequence}
	for range ProbeHops {
		chain.Children = append(chain.Children, call())
	}
	work := lang.Const(ProbeWork)
	capacity := lang.Capacity{Workers: 16, Queue: 64, Model: lang.ModelThread}
	probe := &lang.Service{
		Name: ProbeService, Replicas: 1, Capacity: capacity,
		Ports: []lang.Port{{Published: port, Target: 8080, HostIP: loopback, Protocol: "tcp"}},
		Endpoints: []*lang.Endpoint{
			{Name: "direct", Weight: 1, Flow: &lang.Step{Kind: lang.StepSequence}},
			{Name: "chain", Weight: 1, Flow: chain},
			{Name: "work", Weight: 1, Flow: &lang.Step{Kind: lang.StepSequence}, ServiceTime: &work},
		},
	}
	echo := &lang.Service{Name: EchoService, Replicas: 1, Capacity: capacity}
	return &lang.Spec{
		Project: project, Backend: lang.BackendCompose, Nodes: 1,
		Services: map[string]*lang.Service{ProbeService: probe, EchoService: echo},
		Links: map[lang.LinkKey]*lang.Link{
			{From: ProbeService, To: EchoService}: {From: ProbeService, To: EchoService, Timeout: 5 * time.Second, LoadBalancing: lang.LBRoundRobin},
		},
		Networks: map[string]*lang.Network{}, Volumes: map[string]*lang.Volume{},
		Secrets: map[string]*lang.Secret{}, Configs: map[string]*lang.Config{},
		Queues: map[string]*lang.Queue{}, Loads: map[string]*lang.Load{},
		Scenarios: map[string]*lang.Scenario{}, SLOs: map[string]*lang.SLO{},
	}
}

// ProbeProject is the name of the calibration project of a spec's
// project: "<project>-calibrate", with the project cut to 53 characters
// when the whole would be longer than 63, the most a DNS label allows.
func ProbeProject(project string) string {
	name := project + "-calibrate"
	if len(name) > 63 {
		name = project[:63-len("-calibrate")] + "-calibrate"
	}
	return name
}

// ProbeSpecOn returns the calibration project of a spec's project on
// backend, ProbeService published on 127.0.0.1:port. On swarm the services
// are found by DNS round robin and the port is published on the host: what
// works everywhere (no IPVS needed).
func ProbeSpecOn(project, backend string, port int) *lang.Spec {
	s := ProbeSpec(ProbeProject(project), port)
	s.Backend = backend
	if backend == lang.BackendSwarm {
		for _, svc := range s.Services {
			svc.EndpointMode = "dnsrr"
			for i := range svc.Ports {
				svc.Ports[i].Mode = "host"
			}
		}
	}
	return s
}

// WaitProbe waits, for at most wait, until the probe at target answers
// its chain with 200: the probe is up and finds EchoService by name.
func WaitProbe(ctx context.Context, target *url.URL, wait time.Duration) error {
	if err := WaitReady(ctx, target, wait); err != nil {
		return err
	}
	deadline := time.Now().Add(wait)
	for {
		var body map[string]any
		err := FetchJSON(ctx, target, "/chain", &body)
		if err == nil || ctx.Err() != nil {
			return ctx.Err()
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the calibration probe does not reach its echo service after %s: %v", wait, err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}
