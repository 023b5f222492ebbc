package swarm

import (
	"testing"

	"github.com/docker/docker/api/types/swarm"
)

// TestNodeMatches: constraints read as swarm's scheduler reads them, so
// that plan can warn about a service no node can run.
func TestNodeMatches(t *testing.T) {
	n := swarm.Node{ID: "abc123"}
	n.Spec.Role = swarm.NodeRoleWorker
	n.Spec.Labels = map[string]string{"zone": "eu-1", "Disk": "ssd"}
	n.Description.Hostname = "n2"
	n.Description.Platform = swarm.Platform{OS: "linux", Architecture: "x86_64"}
	n.Description.Engine.Labels = map[string]string{"gpu": "yes"}
	n.Status.Addr = "10.231.0.2"
	for _, tc := range []struct {
		cons []string
		want bool
	}{
		{nil, true},
		{[]string{"node.role == worker"}, true},
		{[]string{"node.role==Worker"}, true},
		{[]string{"node.role == manager"}, false},
		{[]string{"node.role != manager"}, true},
		{[]string{"node.labels.zone == eu-1"}, true},
		{[]string{"node.labels.zone == EU-1"}, true},
		{[]string{"node.labels.zone == nowhere"}, false},
		{[]string{"node.labels.zone != nowhere"}, true},
		{[]string{"node.labels.rack == r1"}, false},
		{[]string{"node.labels.rack != r1"}, true},
		{[]string{"node.labels.disk == ssd"}, false}, // label names are case sensitive
		{[]string{"Node.Labels.Disk == ssd"}, true},  // the prefix is not
		{[]string{"node.labels.Disk == ssd"}, true},
		{[]string{"engine.labels.gpu == yes"}, true},
		{[]string{"node.hostname == n2", "node.platform.os == linux"}, true},
		{[]string{"node.hostname == n2", "node.platform.arch == aarch64"}, false},
		{[]string{"node.id == abc123"}, true},
		{[]string{"node.ip == 10.231.0.2"}, true},
		{[]string{"node.ip == 10.231.0.0/24"}, true},
		{[]string{"node.ip != 10.231.0.0/24"}, false},
		{[]string{"node.ip == 10.1.0.0/16"}, false},
		{[]string{"node.zone == eu-1"}, false},
	} {
		if got := nodeMatches(tc.cons, n); got != tc.want {
			t.Errorf("nodeMatches(%q) = %v, want %v", tc.cons, got, tc.want)
		}
	}
}

// TestStartFirstHostPort: an update waits for a free port only where the
// old tasks hold the same host-mode port and the new ones start first.
func TestStartFirstHostPort(t *testing.T) {
	host := []portDef{{Published: 8080, Target: 80, Protocol: "tcp", Mode: "host"}}
	ingress := []portDef{{Published: 8080, Target: 80, Protocol: "tcp", Mode: "ingress"}}
	other := []portDef{{Published: 8081, Target: 80, Protocol: "tcp", Mode: "host"}}
	def := func(order string, ports []portDef) *serviceDef {
		return &serviceDef{Ports: ports, Update: updateDef{Order: order}}
	}
	for _, tc := range []struct {
		name          string
		after, before *serviceDef
		want          bool
	}{
		{"start-first, same host port", def("start-first", host), def("stop-first", host), true},
		{"stop-first", def("stop-first", host), def("stop-first", host), false},
		{"the port is new", def("start-first", host), def("start-first", nil), false},
		{"another port before", def("start-first", host), def("start-first", other), false},
		{"ingress", def("start-first", ingress), def("start-first", ingress), false},
	} {
		if port, got := startFirstHostPort(tc.after, tc.before); got != tc.want || (got && port != 8080) {
			t.Errorf("%s: %d, %v; want %v", tc.name, port, got, tc.want)
		}
	}
}
