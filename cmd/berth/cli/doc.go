// Package cli is berth's thin command line: cobra commands, one per file,
// that load the spec with lang, call planner, backends or simulate, and
// render their results (text or JSON, chosen once per command). It holds no
// domain logic of its own.
//
// Exit codes: 0 success (plan: no changes), 1 error, 2 plan has changes
// (with -detailed-exitcode), 3 a simulated expectation failed.
package cli
