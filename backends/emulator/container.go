package emulator

import (
	"fmt"
	"strconv"
	"time"

	"github.com/berth-dev/berth/lang"
)

// Paths the emulator serves besides the endpoints.
const (
	pathHealth = "/healthz"
	pathStats  = "/_berth/stats"
)

// Entrypoint is the emulator image's ENTRYPOINT; ContainerSpec's cmd is
// appended to it.
var Entrypoint = []string{"/berth", "emulate"}

// ContainerSpec returns what a backend puts in a container (or swarm task)
// that runs service under the emulator image: the command to append to
// Entrypoint, the environment (the compiled Config in EnvConfig; the
// service's own env is the backend's to add), and the port the emulator
// listens on (ServicePort: the first port target, else 8080).
//
// The env is deterministic and holds no replica counts, so it can go into
// the config hash as is.
func ContainerSpec(spec *lang.Spec, service string) (cmd []string, env []string, port int, err error) {
	return containerSpec(spec, service, (*Config).Encode)
}

// CheckContainerSpec is ContainerSpec for a check that never starts the
// container (berth validate): the same compilation, command, port and
// errors, with EnvConfig set to a placeholder instead of the encoded
// config, whose encoding is most of the cost on a large spec.
func CheckContainerSpec(spec *lang.Spec, service string) (cmd []string, env []string, port int, err error) {
	return containerSpec(spec, service, func(*Config) (string, error) { return "(not encoded: validate only)", nil })
}

func containerSpec(spec *lang.Spec, service string, encode func(*Config) (string, error)) (cmd []string, env []string, port int, err error) {
	c, err := Compile(spec, service)
	if err != nil {
		return nil, nil, 0, err
	}
	enc, err := encode(c)
	if err != nil {
		return nil, nil, 0, err
	}
	cmd = []string{"--listen", ":" + strconv.Itoa(c.Port)}
	return cmd, []string{EnvConfig + "=" + enc}, c.Port, nil
}

// HealthcheckTest is the Docker healthcheck test of an emulated container
// listening on port: the emulator probes itself (a FROM scratch image has
// no wget or curl). Use it as container.HealthConfig.Test.
func HealthcheckTest(port int) []string {
	return []string{"CMD", Entrypoint[0], Entrypoint[1], "--probe", ProbeURL(port)}
}

// MinProbeTimeout is the least time an emulated container's health probe
// is given. The probe starts the whole berth binary inside the container
// (a FROM scratch image has nothing smaller), which took 1.1–1.8 s on a
// busy two-core machine: with the 1 s a real service's probe may be
// given, the emulated stack answered but never turned healthy.
const MinProbeTimeout = 5 * time.Second

// ProbeTimeout is the health check timeout of an emulated container whose
// service asks for timeout: at least MinProbeTimeout. 0 stays 0 (Docker's
// default, 30 s).
func ProbeTimeout(timeout time.Duration) time.Duration {
	if timeout > 0 && timeout < MinProbeTimeout {
		return MinProbeTimeout
	}
	return timeout
}

// ProbeURL is the health URL of an emulator listening on port, seen from
// inside its container.
func ProbeURL(port int) string {
	return fmt.Sprintf("http://127.0.0.1:%d%s", port, pathHealth)
}
