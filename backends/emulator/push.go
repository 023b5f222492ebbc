package emulator

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/docker/docker/api/types/image"
	"github.com/docker/docker/api/types/registry"
	"github.com/docker/docker/client"
	"github.com/docker/docker/pkg/jsonmessage"
)

// PushImage tags the local image ref as remote (a reference that names its
// registry) on cli's engine and pushes it there, with the credentials the
// docker CLI stored for that registry (DOCKER_CONFIG, ~/.docker/config.json
// "auths"; none for an open registry). It returns the pushed digest.
func PushImage(ctx context.Context, cli *client.Client, ref, remote string) (digest string, err error) {
	if err := cli.ImageTag(ctx, ref, remote); err != nil {
		return "", fmt.Errorf("tag %s as %s: %w", ref, remote, err)
	}
	host, _, _ := strings.Cut(remote, "/")
	auth, err := registryAuth(host)
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

// registryAuth is the X-Registry-Auth value for host: the docker CLI's
// stored "auth" (base64 of user:password) for it, or anonymous. Credential
// helpers (credsStore) are not consulted.
func registryAuth(host string) (string, error) {
	cfg := registry.AuthConfig{ServerAddress: host}
	dir := os.Getenv("DOCKER_CONFIG")
	if dir == "" {
		home, _ := os.UserHomeDir()
		dir = filepath.Join(home, ".docker")
	}
	if data, err := os.ReadFile(filepath.Join(dir, "config.json")); err == nil {
		var file struct {
			Auths map[string]struct {
				Auth string `json:"auth"`
			} `json:"auths"`
		}
		if err := json.Unmarshal(data, &file); err != nil {
			return "", fmt.Errorf("registry credentials: %s: %w", filepath.Join(dir, "config.json"), err)
		}
		for _, key := range []string{host, "https://" + host, "http://" + host} {
			if a, ok := file.Auths[key]; ok && a.Auth != "" {
				raw, err := base64.StdEncoding.DecodeString(a.Auth)
				if err != nil {
					return "", fmt.Errorf("registry credentials for %s: %w", host, err)
				}
				cfg.Username, cfg.Password, _ = strings.Cut(string(raw), ":")
				break
			}
		}
	}
	return registry.EncodeAuthConfig(cfg)
}
