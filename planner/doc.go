// Package planner is pure: it takes the desired model (a lang.Spec), one
// observed snapshot of what a backend runs, and options, and returns a
// deterministic Plan. It makes no Docker calls. Backends observe and execute;
// they decide nothing while executing.
package planner
