package planner

import "strings"

// Action is what a plan does to one resource.
type Action string

// Actions, named as in the JSON form.
const (
	NoOp    Action = "no-op"
	Create  Action = "create"
	Update  Action = "update" // in place
	Replace Action = "replace"
	Delete  Action = "delete"
)

// rank orders actions by weight, so a change takes the heaviest its
// attribute differences need.
func (a Action) rank() int {
	switch a {
	case Update:
		return 1
	case Replace:
		return 2
	}
	return 0
}

// JSONActions returns the terraform-style action list: ["create"],
// ["update"], ["delete", "create"] (replace), ["create", "delete"] (replace,
// create before destroy), ["delete"] or ["no-op"].
func (a Action) JSONActions(createBeforeDestroy bool) []string {
	if a == Replace {
		if createBeforeDestroy {
			return []string{"create", "delete"}
		}
		return []string{"delete", "create"}
	}
	return []string{string(a)}
}

// ActionFromJSON is the inverse of JSONActions.
func ActionFromJSON(actions []string) (a Action, createBeforeDestroy bool) {
	switch strings.Join(actions, ",") {
	case "delete,create":
		return Replace, false
	case "create,delete":
		return Replace, true
	case "create":
		return Create, false
	case "update":
		return Update, false
	case "delete":
		return Delete, false
	}
	return NoOp, false
}

// Op is one primitive step of a plan on one resource.
type Op string

// Ops. A replacement is a delete and a create (in that order, or the
// reverse when the type creates before it destroys).
const (
	OpCreate Op = "create"
	OpUpdate Op = "update"
	OpDelete Op = "delete"
)
