package swarm

import (
	"strings"
	"testing"

	"github.com/docker/docker/api/types/swarm"
)

// An engine berth cannot drive says what it is and what to do.
func TestNotManager(t *testing.T) {
	for _, tt := range []struct {
		info swarm.Info
		want string // "" = no error
	}{
		{swarm.Info{ControlAvailable: true, LocalNodeState: swarm.LocalNodeStateActive}, ""},
		{swarm.Info{LocalNodeState: swarm.LocalNodeStateActive, RemoteManagers: []swarm.Peer{{Addr: "10.231.0.1:2377"}}},
			"is a worker of a swarm, not a manager: point DOCKER_HOST at a manager (`docker node ls` there lists the nodes; a manager's address is one of [10.231.0.1:2377])"},
		{swarm.Info{LocalNodeState: swarm.LocalNodeStateInactive}, "is in no swarm: run `docker swarm init` there"},
		{swarm.Info{LocalNodeState: swarm.LocalNodeStatePending}, `(swarm state "pending")`},
	} {
		err := notManager("unix:///x.sock", tt.info)
		if tt.want == "" {
			if err != nil {
				t.Errorf("%+v: %v", tt.info, err)
			}
			continue
		}
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%+v: %v, want %q", tt.info, err, tt.want)
		}
	}
}
