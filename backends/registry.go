package backends

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

// RegistryAuth is the X-Registry-Auth value for an image reference's
// registry: the docker CLI's stored "auth" (base64 of user:password) for
// it in DOCKER_CONFIG or ~/.docker/config.json, or anonymous. Credential
// helpers (credsStore) are not consulted.
func RegistryAuth(ref string) (string, error) {
	host := registryHost(ref)
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
		for _, key := range []string{host, "https://" + host, "http://" + host, "https://" + host + "/v1/"} {
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

// NamesRegistry reports whether an image reference names its registry, as
// Docker reads references: a first component with a dot or a port, or
// localhost ("registry.example.com/app:1", "localhost:5000/app").
func NamesRegistry(ref string) bool {
	first, _, ok := strings.Cut(ref, "/")
	return ok && (strings.ContainsAny(first, ".:") || first == "localhost")
}

// registryHost is the registry an image reference names, or Docker Hub's.
func registryHost(ref string) string {
	if NamesRegistry(ref) {
		first, _, _ := strings.Cut(ref, "/")
		return first
	}
	return "index.docker.io"
}

// PullImage pulls ref into cli's engine, with RegistryAuth's credentials,
// and waits until the engine has it.
func PullImage(ctx context.Context, cli *client.Client, ref string) error {
	auth, err := RegistryAuth(ref)
	if err != nil {
		return err
	}
	rc, err := cli.ImagePull(ctx, ref, image.PullOptions{RegistryAuth: auth})
	if err != nil {
		return fmt.Errorf("pull %s: %w", ref, err)
	}
	defer rc.Close()
	if err := jsonmessage.DisplayJSONMessagesStream(rc, io.Discard, 0, false, nil); err != nil {
		return fmt.Errorf("pull %s: %w", ref, err)
	}
	return nil
}

// PushImage tags the local image ref as remote (a reference that names its
// registry) on cli's engine and pushes it there, with the credentials the
// docker CLI stored for that registry (RegistryAuth). It returns
// the pushed digest.
func PushImage(ctx context.Context, cli *client.Client, ref, remote string) (digest string, err error) {
	if err := cli.ImageTag(ctx, ref, remote); err != nil {
		return "", fmt.Errorf("tag %s as %s: %w", ref, remote, err)
	}
	auth, err := RegistryAuth(remote)
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
