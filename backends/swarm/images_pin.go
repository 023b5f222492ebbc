package swarm

import (
	"context"
	"fmt"
	"strings"
	"sync"

	"github.com/docker/docker/api/types/swarm"
	"github.com/docker/docker/client"
	"github.com/docker/docker/errdefs"
)

// Swarm's task executor pulls a task's image before every start, whatever
// the node holds, unless the service names the image by its id (moby's
// container adapter skips the pull of an image id; a failed pull is only
// logged). A service that runs "berth-emulator:<hash>", or any image built
// locally, by its tag therefore makes every node ask Docker Hub for that
// name at each task start: a lookup that hangs on an offline network and,
// where the Hub answers, a pull of whatever it holds under that name.
//
// So berth runs an image that names no registry by the id it has on the
// manager. The id is the same on every node berth copies it to (save and
// load keep it). The name stays in the com.docker.stack.image label, and
// observation reads the id back as that name while the manager's tag
// still points at it.

// isImageID reports whether ref is an image id, "sha256:" and 64 hex digits.
func isImageID(ref string) bool {
	return len(ref) == 71 && strings.HasPrefix(ref, "sha256:")
}

// imagePins resolves image references to the manager's image ids, once
// per reference for one apply.
type imagePins struct {
	cli *client.Client
	mu  sync.Mutex
	ids map[string]string
}

func newImagePins(cli *client.Client) *imagePins {
	return &imagePins{cli: cli, ids: map[string]string{}}
}

// pin returns what the service runs for ref: the manager's image id when
// ref names no registry and the manager has it, else ref (an image with a
// registry, which swarm resolves to a digest, or one the manager lacks,
// which the nodes pull on their own).
func (p *imagePins) pin(ctx context.Context, ref string) (string, error) {
	if ref == "" || namesRegistry(ref) || isImageID(ref) {
		return ref, nil
	}
	p.mu.Lock()
	id, ok := p.ids[ref]
	p.mu.Unlock()
	if ok {
		return id, nil
	}
	img, err := p.cli.ImageInspect(ctx, ref)
	switch {
	case errdefs.IsNotFound(err):
		id = ref
	case err != nil:
		return "", fmt.Errorf("image %s: %w", ref, err)
	default:
		id = img.ID
	}
	p.mu.Lock()
	p.ids[ref] = id
	p.mu.Unlock()
	return id, nil
}

// askedImageIDs maps the images that the services run by id, as asked
// (their com.docker.stack.image label), to the id the manager has for
// each now; names the manager no longer has are left out.
func askedImageIDs(ctx context.Context, cli *client.Client, services []swarm.Service) (map[string]string, error) {
	out := map[string]string{}
	for _, s := range services {
		cs := s.Spec.TaskTemplate.ContainerSpec
		asked := s.Spec.Labels[LabelStackImage]
		if cs == nil || !isImageID(cs.Image) || asked == "" {
			continue
		}
		if _, done := out[asked]; done {
			continue
		}
		img, err := cli.ImageInspect(ctx, asked)
		if errdefs.IsNotFound(err) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("image %s: %w", asked, err)
		}
		out[asked] = img.ID
	}
	return out, nil
}
