package swarm

import "strings"

// Resource types of the swarm backend (planner.Address.Type).
const (
	TypeNetwork = "network"
	TypeSecret  = "secret"
	TypeConfig  = "config"
	TypeService = "service"
)

// DefaultNetwork is the network of services that name none.
const DefaultNetwork = "default"

// Labels berth reads and writes on swarm objects. The io.berth.* ones are
// the project's state; com.docker.stack.* make the docker CLI's stack
// commands treat the project as a stack.
const (
	LabelProject    = "io.berth.project"
	LabelResource   = "io.berth.resource" // the planner address, "service.orders"
	LabelConfigHash = "io.berth.config-hash"
	LabelBackend    = "io.berth.backend"
	// LabelAfter lists the services a service starts after (its callees
	// and depends_on), comma-separated, so the next plan removes a
	// callee only after its callers stopped calling it.
	LabelAfter      = "io.berth.after"
	LabelStack      = "com.docker.stack.namespace"
	LabelStackImage = "com.docker.stack.image"
)

// objectName is the swarm name of a project's network or service: P_N, as
// `docker stack deploy` names them.
func objectName(project, name string) string { return project + "_" + name }

// versionedName is the swarm name of one version of a secret or config:
// P_S-<hash8>, where hash8 is the first 8 hex digits of its content hash.
func versionedName(project, name, contentHash string) string {
	return objectName(project, name) + "-" + hash8(contentHash)
}

// hash8 returns the first 8 hex digits of a "sha256:..." or bare hex hash.
func hash8(h string) string {
	h = strings.TrimPrefix(h, "sha256:")
	if len(h) > 8 {
		h = h[:8]
	}
	return h
}
