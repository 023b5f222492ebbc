package emulator

import (
	"context"
	"encoding/json"
	"fmt"
	"io"

	"github.com/docker/docker/api/types/image"
	"github.com/docker/docker/client"
	"github.com/docker/docker/pkg/jsonmessage"

	"github.com/berth-dev/berth/backends"
)

// PushImage tags the local image ref as remote (a reference that names its
// registry) on cli's engine and pushes it there, with the credentials the
// docker CLI stored for that registry (backends.RegistryAuth). It returns
// the pushed digest.
func PushImage(ctx context.Context, cli *client.Client, ref, remote string) (digest string, err error) {
	if err := cli.ImageTag(ctx, ref, remote); err != nil {
		return "", fmt.Errorf("tag %s as %s: %w", ref, remote, err)
	}
	auth, err := backends.RegistryAuth(remote)
	if err != nil {
		return "", err
	}
	rc, err := cli.ImagePush(ctx, remote, image.PushOptions{RegistryAuth: auth})
	if err != nil {
		return "", fmt.Errorf("push %s: %w", remote, err)
	}
	defer rc.Close()
	err = jsonmessage.DisplayJSONMessagesStream(rc, io.Discard, 0, false, func(m jsonmessage.JSONMessage) {
		var aux struct{ Digest string }
		if m.Aux != nil && json.Unmarshal(*m.Aux, &aux) == nil && aux.Digest != "" {
			digest = aux.Digest
		}
	})
	if err != nil {
		return "", fmt.Errorf("push %s: %w", remote, err)
	}
	if digest == "" {
		return "", fmt.Errorf("push %s: the engine reported no digest", remote)
	}
	return digest, nil
}
