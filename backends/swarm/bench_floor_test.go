package swarm

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/docker/docker/api/types/filters"
	"github.com/docker/docker/api/types/network"
	"github.com/docker/docker/api/types/swarm"

	"github.com/berth-dev/berth/backends/emulator"
	"github.com/berth-dev/berth/backends/swarm/swarmtest"
	"github.com/berth-dev/berth/lang"
)

// swarmFloor is what the swarm alone needs to run the bench project: one
// overlay network, then every service created through the manager's
// Engine API at once (the emulator image, its command and environment,
// dnsrr, the replicas), and the tasks listed every 50 ms until each
// service has its replicas running. No plan, no image check, no progress:
// the least any client can take for the same services on this lab. Its
// resources carry the stack label of project; the caller removes them.
func swarmFloor(b *testing.B, lab *swarmtest.Lab, spec *lang.Spec, image, project string) time.Duration {
	b.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cli := lab.Manager
	labels := map[string]string{LabelStack: project}
	start := time.Now()
	net, err := cli.NetworkCreate(ctx, project+"_net", network.CreateOptions{Driver: "overlay", Labels: labels})
	if err != nil {
		b.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, len(spec.Services))
	want := uint64(0)
	for _, svc := range spec.SortedServices() {
		cmd, env, _, err := emulator.ContainerSpec(spec, svc.Name)
		if err != nil {
			b.Fatal(err)
		}
		replicas := uint64(svc.Replicas)
		want += replicas
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := cli.ServiceCreate(ctx, swarm.ServiceSpec{
				Annotations: swarm.Annotations{Name: project + "_" + svc.Name, Labels: labels},
				TaskTemplate: swarm.TaskSpec{
					ContainerSpec: &swarm.ContainerSpec{Image: image, Args: cmd, Env: env, Labels: labels},
					Networks:      []swarm.NetworkAttachmentConfig{{Target: net.ID}},
				},
				Mode:         swarm.ServiceMode{Replicated: &swarm.ReplicatedService{Replicas: &replicas}},
				EndpointSpec: &swarm.EndpointSpec{Mode: swarm.ResolutionModeDNSRR},
			}, swarm.ServiceCreateOptions{QueryRegistry: false})
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			b.Fatalf("swarm floor: %v", err)
		}
	}
	f := filters.NewArgs(filters.Arg("label", LabelStack+"="+project), filters.Arg("desired-state", "running"))
	for ctx.Err() == nil {
		tasks, err := cli.TaskList(ctx, swarm.TaskListOptions{Filters: f})
		if err == nil && runningTasks(tasks) >= want {
			return time.Since(start)
		}
		time.Sleep(50 * time.Millisecond)
	}
	b.Fatalf("swarm floor: the %d tasks did not all run in 5 minutes", want)
	return 0
}

// removeFloor removes the floor's services and network, and waits until
// the manager lists none of them.
func removeFloor(b *testing.B, lab *swarmtest.Lab, project string) {
	ctx := context.Background()
	f := filters.NewArgs(filters.Arg("label", LabelStack+"="+project))
	svcs, _ := lab.Manager.ServiceList(ctx, swarm.ServiceListOptions{Filters: f})
	for _, s := range svcs {
		if err := lab.Manager.ServiceRemove(ctx, s.ID); err != nil {
			b.Logf("swarm floor cleanup: %v", err)
		}
	}
	// The network goes once the removed tasks have left it.
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(250 * time.Millisecond) {
		nets, _ := lab.Manager.NetworkList(ctx, network.ListOptions{Filters: f})
		if len(nets) == 0 {
			break
		}
		for _, n := range nets {
			lab.Manager.NetworkRemove(ctx, n.ID)
		}
	}
	waitStackGone(b, lab, project)
}
