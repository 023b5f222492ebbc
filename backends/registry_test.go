package backends

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/docker/docker/api/types/registry"
)

func TestRegistryAuth(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("DOCKER_CONFIG", dir)
	decode := func(s string) registry.AuthConfig {
		t.Helper()
		raw, err := base64.URLEncoding.DecodeString(s)
		if err != nil {
			t.Fatal(err)
		}
		var c registry.AuthConfig
		if err := json.Unmarshal(raw, &c); err != nil {
			t.Fatal(err)
		}
		return c
	}
	// No config file: anonymous.
	got, err := RegistryAuth("reg.example.com/app:1")
	if err != nil {
		t.Fatal(err)
	}
	if c := decode(got); c.Username != "" || c.ServerAddress != "reg.example.com" {
		t.Errorf("without a config: %+v", c)
	}
	cfg := `{"auths": {"https://reg.example.com": {"auth": "` + base64.StdEncoding.EncodeToString([]byte("ci:s3cr:et")) + `"}}}`
	if err := os.WriteFile(filepath.Join(dir, "config.json"), []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err = RegistryAuth("reg.example.com/app:1")
	if err != nil {
		t.Fatal(err)
	}
	if c := decode(got); c.Username != "ci" || c.Password != "s3cr:et" {
		t.Errorf("stored credentials: %+v", c)
	}
	if c, _ := RegistryAuth("other.example.com/app:1"); decode(c).Username != "" {
		t.Errorf("credentials of another registry were used")
	}
	if err := os.WriteFile(filepath.Join(dir, "config.json"), []byte("{"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := RegistryAuth("reg.example.com/app:1"); err == nil {
		t.Error("a broken config.json is not reported")
	}
}

func TestRegistryHost(t *testing.T) {
	for ref, want := range map[string]string{
		"redis:7":                       "index.docker.io",
		"library/redis:7":               "index.docker.io",
		"reg.example.com/team/app:1":    "reg.example.com",
		"127.0.0.1:5000/app@sha256:abc": "127.0.0.1:5000",
		"localhost/app":                 "localhost",
		"team/app:1":                    "index.docker.io",
	} {
		if got := registryHost(ref); got != want {
			t.Errorf("registryHost(%q) = %q, want %q", ref, got, want)
		}
	}
}
