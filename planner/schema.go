package planner

// Mode says how a change of one attribute is carried out and whether the
// attribute is recorded in the config hash.
type Mode int

const (
	// ModeReplace (the default): hashed; any change replaces the resource.
	ModeReplace Mode = iota
	// ModeRepair: hashed; a change of the spec replaces the resource, but drift
	// (the hash still matches) is repaired in place, e.g. a network
	// disconnected by hand is connected again, a stopped container started.
	ModeRepair
	// ModeUpdate: hashed; any change is made in place and the backend records
	// the new hash (swarm services, whose labels can change).
	ModeUpdate
	// ModeLive: not hashed; any change is made in place and can never be told
	// apart from drift (compose resource limits, restart policy; swarm
	// replicas). Scaling lives here, so it never recreates.
	ModeLive
)

func (m Mode) String() string {
	switch m {
	case ModeReplace:
		return "replace"
	case ModeRepair:
		return "repair"
	case ModeUpdate:
		return "update"
	case ModeLive:
		return "live"
	}
	return "mode?"
}

// Hashed reports whether attributes of this mode go into the config hash.
func (m Mode) Hashed() bool { return m != ModeLive }

// Schema describes one resource type of a backend.
type Schema struct {
	// Modes by attribute name; attributes not listed are Replace.
	Modes map[string]Mode
	// CreateBeforeDestroy: a replacement makes the new object first and
	// deletes the old one after everything using it has moved (versioned
	// secrets and configs, whose names carry their hash).
	CreateBeforeDestroy bool
	// Relabel: the backend can rewrite the config-hash label in place
	// (swarm services), so a hash that changed alone is an update.
	Relabel bool
	// UnsetReplaces: attributes changed in place that the engine cannot
	// remove once set, with the reason (Docker's ContainerUpdate lifts no
	// cpu or memory limit): a change to none replaces the resource.
	UnsetReplaces map[string]string
	// Explain says, by attribute path, what a change of a value means when
	// the value itself does not (an encoded config shown by size and
	// hash); the text goes into the reason's message.
	Explain map[string]func(before, after any) string
	// Renamed says, by attribute path, whether two values that encode
	// their group's name (an emulated service's config) are equal but
	// for it: before of group from, after of group to. The plan's rename
	// hint (rename.go) uses it; plain strings are compared with the name
	// replaced.
	Renamed map[string]func(before, after any, from, to string) bool
}

// Mode returns the mode of attribute name (the part of a path before the
// first dot).
func (s Schema) Mode(attr string) Mode {
	for i := 0; i < len(attr); i++ {
		if attr[i] == '.' {
			attr = attr[:i]
			break
		}
	}
	return s.Modes[attr]
}
