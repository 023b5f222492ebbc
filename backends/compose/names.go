package compose

import (
	"fmt"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/berth-dev/berth/backends"
)

// Resource types of the compose backend.
const (
	TypeNetwork   = "network"
	TypeVolume    = "volume"
	TypeSecret    = "secret"
	TypeConfig    = "config"
	TypeContainer = "container"
)

// DefaultNetwork is the network services join when they name none.
const DefaultNetwork = "default"

// ContainerName is the engine name of replica n of service: <project>-<service>-<n>,
// as Compose v2 names them.
func ContainerName(project, service string, n int) string {
	return fmt.Sprintf("%s-%s-%d", project, service, n)
}

// replicaOfName reads a container name as ContainerName writes it for
// project: the service and replica number, ok false for another name.
func replicaOfName(project, name string) (service string, n int, ok bool) {
	rest, found := strings.CutPrefix(name, project+"-")
	i := strings.LastIndexByte(rest, '-')
	if !found || i <= 0 {
		return "", 0, false
	}
	n, err := strconv.Atoi(rest[i+1:])
	if err != nil || n < 1 || strconv.Itoa(n) != rest[i+1:] {
		return "", 0, false
	}
	return rest[:i], n, true
}

// NetworkName is the engine name of a network: <project>_<name>, as Compose does.
func NetworkName(project, name string) string { return project + "_" + name }

// VolumeName is the engine name of a volume: <project>_<name>.
func VolumeName(project, name string) string { return project + "_" + name }

// FilePath is the host file a secret or config version is mounted from:
// <state dir>/projects/<project>/<kind>s/<name>-<hash>, kind "secret" or
// "config". The hash in the name makes every version its own file, so a
// rotation never rewrites a file a running container has mounted.
func FilePath(project, kind, name, hash string) string {
	return filepath.Join(backends.ProjectDir(project), kind+"s", name+"-"+strings.TrimPrefix(hash, "sha256:"))
}

// MountTarget is where a secret or config is mounted in a container:
// /run/secrets/<name> for secrets, /<name> for configs.
func MountTarget(kind, name string) string {
	if kind == TypeSecret {
		return "/run/secrets/" + name
	}
	return "/" + name
}
