package swarm

import (
	"strings"
	"testing"

	"github.com/docker/docker/api/types/swarm"
)

// A network that a service outside the project uses is not retried for
// 60 s and then reported by the engine's "in use by service <id>": the
// delete fails at once naming that service and what to do
// (foreignNetworkUsers lists the services through the engine and
// networkUsersOutside picks them). The project's own services (being
// removed) are waited for as before.
func TestNetworkUsersOutside(t *testing.T) {
	attached := func(id, name string, labels map[string]string) swarm.Service {
		return swarm.Service{ID: id, Spec: swarm.ServiceSpec{Annotations: swarm.Annotations{Name: name, Labels: labels},
			TaskTemplate: swarm.TaskSpec{Networks: []swarm.NetworkAttachmentConfig{{Target: "net1"}}}}}
	}
	own := map[string]string{LabelProject: "p", LabelBackend: "swarm"}
	elsewhere := swarm.Service{ID: "s5", Spec: swarm.ServiceSpec{Annotations: swarm.Annotations{Name: "other"},
		TaskTemplate: swarm.TaskSpec{Networks: []swarm.NetworkAttachmentConfig{{Target: "net2"}}}}}
	tests := []struct {
		name     string
		services []swarm.Service
		want     string // "" = none: the delete is retried while the project's own go
	}{
		{"a foreign service", []swarm.Service{attached("s9", "foreign", nil), attached("s1", "p_api", own), elsewhere}, "service foreign"},
		{"the same project on compose", []swarm.Service{attached("s9", "p_web", map[string]string{LabelProject: "p", LabelBackend: "compose"})}, "service p_web"},
		{"the project's own, being removed", []swarm.Service{attached("s1", "p_api", own), elsewhere}, ""},
	}
	for _, tt := range tests {
		if got := strings.Join(networkUsersOutside(tt.services, "p", "net1"), ", "); got != tt.want {
			t.Errorf("%s: users %q, want %q", tt.name, got, tt.want)
		}
	}
}
