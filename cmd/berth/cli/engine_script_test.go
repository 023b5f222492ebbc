package cli

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/filters"
	"github.com/docker/docker/api/types/network"
	"github.com/docker/docker/api/types/volume"
	"github.com/docker/docker/client"
	"github.com/rogpeppe/go-internal/testscript"

	"github.com/berth-dev/berth/backends"
)

// engineCondition is the script condition [engine]: a Docker engine
// answers. Under CI=true a missing engine is an error, never a skip.
func engineCondition(cond string) (bool, error) {
	if cond != "engine" {
		return false, fmt.Errorf("unknown condition %q", cond)
	}
	cli, err := client.NewClientWithOpts(client.FromEnv, client.WithAPIVersionNegotiation())
	if err == nil {
		defer cli.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_, err = cli.Ping(ctx)
	}
	if err != nil && os.Getenv("CI") == "true" {
		return false, fmt.Errorf("a Docker engine is required (CI=true) but none answers: %v", err)
	}
	return err == nil, nil
}

// setupDeployEnv gives each script its own state directory and a project
// name no other run uses ($PROJECT), and removes everything with that
// project's label when the script ends.
func setupDeployEnv(env *testscript.Env) error {
	b := make([]byte, 4)
	rand.Read(b)
	project := "bts" + hex.EncodeToString(b)
	env.Setenv("PROJECT", project)
	env.Setenv(backends.EnvStateDir, filepath.Join(env.WorkDir, ".berth-state"))
	// The emulator image needs a static berth built from the module source,
	// which it finds from the working directory: scripts that apply emulated
	// services `cd $BERTH_SRC` and name their files by absolute path.
	src, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		return err
	}
	env.Setenv("BERTH_SRC", src)
	// ...with the developer's go caches, not testscript's empty home.
	for k, v := range goEnv() {
		env.Setenv(k, v)
	}
	env.Defer(func() { removeProjectObjects(project) })
	return nil
}

// engineProject gives an engine test its own state directory and a
// project name no other run uses (prefix and a number), whose objects are
// removed when the test ends.
func engineProject(t *testing.T, prefix string) string {
	t.Helper()
	t.Setenv(backends.EnvStateDir, t.TempDir())
	project := fmt.Sprintf("%s%d", prefix, time.Now().UnixNano()%1e9)
	t.Cleanup(func() { removeProjectObjects(project) })
	return project
}

func removeProjectObjects(project string) {
	cli, err := client.NewClientWithOpts(client.FromEnv, client.WithAPIVersionNegotiation())
	if err != nil {
		return
	}
	defer cli.Close()
	ctx := context.Background()
	f := filters.NewArgs(filters.Arg("label", backends.ProjectFilter(project)))
	// the project's containers, and those a script made by hand under
	// the project's (random) name without its label: another project's
	// stand-in, such as apply_taken_port's holder
	for _, cf := range []filters.Args{f, filters.NewArgs(filters.Arg("name", "^/?"+project+"-"))} {
		if cs, err := cli.ContainerList(ctx, container.ListOptions{All: true, Filters: cf}); err == nil {
			for _, c := range cs {
				cli.ContainerRemove(ctx, c.ID, container.RemoveOptions{Force: true})
			}
		}
	}
	if ns, err := cli.NetworkList(ctx, network.ListOptions{Filters: f}); err == nil {
		for _, n := range ns {
			cli.NetworkRemove(ctx, n.ID)
		}
	}
	if vs, err := cli.VolumeList(ctx, volume.ListOptions{Filters: f}); err == nil {
		for _, v := range vs.Volumes {
			cli.VolumeRemove(ctx, v.Name, true)
		}
	}
}

var (
	goEnvOnce sync.Once
	goEnvVars map[string]string
)

// goEnv returns the go command's caches and root, for the builds the
// emulator image needs inside scripts.
func goEnv() map[string]string {
	goEnvOnce.Do(func() {
		goEnvVars = map[string]string{"GOPROXY": "off", "GOFLAGS": "-mod=mod"}
		for _, k := range []string{"GOCACHE", "GOMODCACHE", "GOPATH", "GOROOT"} {
			out, err := exec.Command("go", "env", k).Output()
			if err == nil {
				goEnvVars[k] = strings.TrimSpace(string(out))
			}
		}
	})
	return goEnvVars
}
