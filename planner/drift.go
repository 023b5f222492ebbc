package planner

// DriftKind says how a resource was changed outside berth.
type DriftKind string

const (
	// DriftDeleted: the object is gone (a replica missing between others).
	DriftDeleted DriftKind = "deleted"
	// DriftChanged: attributes differ from what berth applied.
	DriftChanged DriftKind = "changed"
)

// Drift is one resource changed outside berth.
type Drift struct {
	Address
	Kind DriftKind
	// Attributes that differ: Before is what berth applied (the spec, whose
	// hash still matches the object's label), After what the engine runs.
	Attributes []Reason
}
