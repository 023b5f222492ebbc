package compose_test

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/network"
	"github.com/docker/docker/client"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/emulator"
	"github.com/berth-dev/berth/lang"
)

// floorContainer is one container of the engine floor: the emulator's
// command and environment for one replica of a service.
type floorContainer struct {
	name string
	cmd  []string
	env  []string
}

// floorContainers returns the containers of the spec in dir, one per
// replica, as `berth apply --emulate` runs them, and the emulator image
// named in the exported compose file (the image the bench's berth built).
func floorContainers(t *testing.T, dir, composeFile string) (image string, out []floorContainer) {
	t.Helper()
	spec, diags := lang.NewLoader().Load(dir, lang.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	data, err := os.ReadFile(composeFile)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`image: (berth-emulator:\S+)`).FindSubmatch(data)
	if m == nil {
		t.Fatalf("%s names no emulator image", composeFile)
	}
	for _, svc := range spec.SortedServices() {
		cmd, env, _, err := emulator.ContainerSpec(spec, svc.Name)
		if err != nil {
			t.Fatal(err)
		}
		for i := 1; i <= svc.Replicas; i++ {
			out = append(out, floorContainer{name: fmt.Sprintf("%s-%d", svc.Name, i), cmd: cmd, env: env})
		}
	}
	return string(m[1]), out
}

// floorNet is the network of the engine floor's containers.
type floorNet string

const (
	// floorProjectNet is what berth and docker-compose make: one bridge
	// network of the project (a network namespace per container, a veth
	// pair, the embedded DNS).
	floorProjectNet floorNet = "project"
	// floorNoNet: a network namespace per container, with nothing in it.
	floorNoNet floorNet = "none"
	// floorHostNet: no network namespace at all, the host's network.
	floorHostNet floorNet = "host"
)

// engineFloor is what the engine alone needs to run the containers: one
// bridge network, then a create and a start of each container, parallelism
// at once (berth's default), in no dependency order, with no readiness
// wait. It is the least any client can take for the same containers on
// this engine; berth's apply adds its plan, the gateway's layer (it starts
// after the services it calls) and the final check. The network and the
// containers carry project's label; teardown removes them. The modes
// floorNoNet and floorHostNet split the floor: what the containers cost
// with an empty network namespace each, and with none (neither is what
// a project can run with; they show where the engine's time goes).
func engineFloor(t *testing.T, cli *client.Client, project, image string, ctrs []floorContainer, parallelism int, mode floorNet) time.Duration {
	t.Helper()
	ctx := context.Background()
	labels := map[string]string{backends.LabelProject: project}
	net := string(mode)
	var endpoints *network.NetworkingConfig
	start := time.Now()
	if mode == floorProjectNet {
		net = project + "_default"
		if _, err := cli.NetworkCreate(ctx, net, network.CreateOptions{Driver: "bridge", Labels: labels}); err != nil {
			t.Fatal(err)
		}
		endpoints = &network.NetworkingConfig{EndpointsConfig: map[string]*network.EndpointSettings{net: {}}}
	}
	sem := make(chan struct{}, parallelism)
	errs := make(chan error, len(ctrs))
	var wg sync.WaitGroup
	for _, c := range ctrs {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			created, err := cli.ContainerCreate(ctx,
				&container.Config{Image: image, Cmd: c.cmd, Env: c.env, Labels: labels},
				&container.HostConfig{NetworkMode: container.NetworkMode(net)},
				endpoints, nil, project+"-"+c.name)
			if err == nil {
				err = cli.ContainerStart(ctx, created.ID, container.StartOptions{})
			}
			errs <- err
		}()
	}
	wg.Wait()
	wall := time.Since(start)
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("engine floor: %v", err)
		}
	}
	return wall
}
