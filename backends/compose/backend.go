package compose

import (
	"context"
	"fmt"

	"github.com/docker/docker/client"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/planner"
)

// ImageFunc returns the emulator image reference, building the image
// through the engine when it is missing (emulator.EnsureImage).
type ImageFunc func(ctx context.Context, cli *client.Client) (string, error)

// Backend drives one Docker engine the Compose way.
type Backend struct {
	cli *client.Client
	// Emulator and EnsureEmulatorImage connect the emulator; when nil,
	// emulated services are an error.
	Emulator            EmulatorFunc
	EnsureEmulatorImage ImageFunc
	// ensured is the emulator image Target made sure of, so Apply in the
	// same process does not ask the engine again.
	ensured string
}

var _ backends.Backend = (*Backend)(nil)

// New returns a backend on cli.
func New(cli *client.Client) *Backend { return &Backend{cli: cli} }

// Client returns the engine client.
func (b *Backend) Client() *client.Client { return b.cli }

// Name implements backends.Backend.
func (b *Backend) Name() string { return "compose" }

// Close implements backends.Backend.
func (b *Backend) Close() error { return b.cli.Close() }

// Target implements backends.Backend. When a service is emulated it makes
// sure the emulator image exists (it is berth's, not the project's, so it
// is no step of the plan).
func (b *Backend) Target(ctx context.Context, opts backends.TargetOptions) (planner.Target, error) {
	t := &Target{Emulate: opts.Emulate, Emulator: b.Emulator}
	if opts.NeedEmulator {
		if b.EnsureEmulatorImage == nil || b.Emulator == nil {
			return nil, fmt.Errorf("this berth has no emulator: give every service an image")
		}
		ref, err := b.EnsureEmulatorImage(ctx, b.cli)
		if err != nil {
			return nil, err
		}
		t.EmulatorImage, b.ensured = ref, ref
	}
	return t, nil
}
