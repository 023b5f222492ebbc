package backends

// Labels berth puts on every object it creates. State lives in the engine,
// in these labels, never in a file.
const (
	// LabelProject names the berth project that owns the object.
	LabelProject = "io.berth.project"
	// LabelResource is the object's planner address (container.orders[2]).
	LabelResource = "io.berth.resource"
	// LabelConfigHash is the hash of the attributes berth applied, replicas
	// and other in-place attributes left out (planner.ConfigHash).
	LabelConfigHash = "io.berth.config-hash"
	// LabelService is the service a container or swarm service plays.
	LabelService = "io.berth.service"
	// LabelIndex is a container's replica number, from 1.
	LabelIndex = "io.berth.index"
	// LabelBackend is the backend that made the object.
	LabelBackend = "io.berth.backend"
)

// Labels of the Docker tools, set so that `docker-compose ps` and
// `docker stack services` show berth projects as their own.
const (
	ComposeProject         = "com.docker.compose.project"
	ComposeService         = "com.docker.compose.service"
	ComposeContainerNumber = "com.docker.compose.container-number"
	ComposeOneoff          = "com.docker.compose.oneoff"
	ComposeConfigHash      = "com.docker.compose.config-hash"
	ComposeNetwork         = "com.docker.compose.network"
	ComposeVolume          = "com.docker.compose.volume"
	ComposeVersion         = "com.docker.compose.version"
	StackNamespace         = "com.docker.stack.namespace"
)

// IsToolLabel reports whether a label key belongs to berth or the Docker
// tools (and so is not one of the user's labels).
func IsToolLabel(key string) bool {
	return hasPrefix(key, "io.berth.") || hasPrefix(key, "com.docker.compose.") || hasPrefix(key, "com.docker.stack.")
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }

// ProjectFilter returns the label filter value that selects a project's objects.
func ProjectFilter(project string) string { return LabelProject + "=" + project }
