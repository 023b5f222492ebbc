package planner

import (
	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/lang"
)

// Target compiles a spec into the desired resources of one backend. The
// compose backend makes one container per replica; the swarm backend one
// service per service. Targets are pure (they may read the files a spec
// names, such as secrets, but never call an engine).
type Target interface {
	// Backend is the backend's name: "compose", "swarm".
	Backend() string
	// Schema describes a resource type of this backend.
	Schema(typ string) Schema
	// Desired compiles spec. Problems carry the range of the model object
	// that caused them.
	Desired(spec *lang.Spec) (*Desired, hcl.Diagnostics)
}

// Desired is what a Target compiled: the resources, and the content of
// secrets and configs by address (read once, for the executor; it never
// leaves the process).
type Desired struct {
	Project   string
	Resources []*Resource
	Contents  map[Address][]byte
	// Groups lists the replicated groups the spec declares, as
	// Address{Type, Name: group}, whatever their replica count: a group
	// scaled to zero has no resource, and its replicas are deleted as a
	// scale-down, not as resources the spec no longer has.
	Groups []Address
}
