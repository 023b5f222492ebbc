// Package planner is pure: it takes the desired resources of a backend (a
// Target compiles them from a lang.Spec), one observed snapshot of what the
// backend runs, and returns a deterministic Plan. It makes no Docker calls.
// Backends observe and execute; they decide nothing while executing.
//
// The diff is generic: every resource is a typed address with a flat map of
// attributes (strings, integers, booleans, string lists and string maps).
// A Target gives each attribute a Mode that says whether a change to it is
// made in place or forces a replacement, and whether it is part of the
// config hash (io.berth.config-hash) that records what berth applied. The
// hash leaves out what must never recreate (replicas, resource limits), so
// scaling never recreates.
//
// Drift, a change made outside berth, is told apart from a change of the
// spec by that hash: when the hash recorded on the object equals the hash of
// the desired resource, berth's intent has not changed since it applied it,
// so every difference the engine shows was made by someone else.
//
// A Plan is a DAG of Steps (create, update, delete of one resource) in
// dependency order: networks, volumes, secrets and configs before the
// containers that use them, callees before callers, and the deletes of
// dependants before those of their dependencies. Independent steps run in
// parallel. Plan.String is the canonical text the tests assert against;
// JSONPlan is the machine form (terraform-like), and Render draws the human
// view from the JSON form so both always agree.
//
// Files: address.go, value.go (attribute values), resource.go, schema.go,
// target.go, observed.go, hash.go, diff.go, action.go, reconcile.go,
// steps.go, plan.go (String), drift.go, rename.go (the hint that a
// deleted and a created service look like a rename), json.go, render.go,
// memapply.go (applying a plan to a snapshot in memory, for tests and
// property tests).
package planner
