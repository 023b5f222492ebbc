package backends

import (
	"context"
	"strings"
	"testing"
)

// TestNewClientDockerHost: a DOCKER_HOST the client cannot use is named
// in the error, with what to write instead. ssh:// was dialled as tcp://
// ("lookup deploy@host: no such host") though docs/review.md offered it.
func TestNewClientDockerHost(t *testing.T) {
	for _, tc := range []struct{ host, want string }{
		{"ssh://deploy@127.0.0.1", "DOCKER_HOST=ssh://deploy@127.0.0.1: berth reaches the engine over unix:// or tcp:// only, not ssh://; forward the engine's socket over ssh and point DOCKER_HOST at it: ssh -fNL /tmp/docker.sock:/var/run/docker.sock deploy@127.0.0.1, then DOCKER_HOST=unix:///tmp/docker.sock"},
		{"bogus", "docker client: DOCKER_HOST=bogus: unable to parse docker host `bogus` (write it as unix:///var/run/docker.sock or tcp://host:2376)"},
	} {
		t.Setenv("DOCKER_HOST", tc.host)
		cli, err := NewClient(context.Background())
		if err == nil {
			cli.Close()
			t.Fatalf("DOCKER_HOST=%s: no error", tc.host)
		}
		if !strings.Contains(err.Error(), tc.want) {
			t.Errorf("DOCKER_HOST=%s:\n got %v\nwant %s", tc.host, err, tc.want)
		}
	}
}
