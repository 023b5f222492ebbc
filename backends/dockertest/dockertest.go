// Package dockertest gives tests a real Docker engine, or a clear verdict
// when there is none: under CI=true a missing engine fails the test; on a
// developer machine it skips it. The engine itself is started by the test
// command (scripts/test.sh), never by the tests.
package dockertest

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/docker/docker/client"
)

// Client returns a client of the engine named by DOCKER_HOST (or the default
// socket), after checking that the engine answers.
func Client(t testing.TB) *client.Client {
	t.Helper()
	cli, err := client.NewClientWithOpts(client.FromEnv, client.WithAPIVersionNegotiation())
	if err == nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_, err = cli.Ping(ctx)
	}
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("a Docker engine is required (CI=true) but none answers: %v\n"+
				"start one with scripts/docker-up.sh, or run the tests with `make test`", err)
		}
		t.Skipf("no Docker engine answers (%v); `make test` starts one", err)
	}
	t.Cleanup(func() { cli.Close() })
	return cli
}
