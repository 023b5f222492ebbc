// Package lang owns the berth language: it loads every *.berth.hcl file of a
// directory, evaluates variables, locals, functions and for_each, and decodes
// the blocks into the typed model (Spec and its parts).
//
// The model is the lowest layer of berth. planner, backends and simulate
// consume it and never parse HCL themselves. Every model object keeps the
// hcl.Range of its declaration, so a problem found later (by the planner or the
// simulator) still points at a file, a line and a column.
//
// Library functions return (T, hcl.Diagnostics); they never flatten
// diagnostics to strings. The CLI renders them as text or JSON.
//
// # How a load runs
//
//  1. files.go reads the files (Options.FS or the OS) and parse_chunks.go
//     parses them; guard.go refuses input that would exhaust the parser's
//     stack (long operator chains, deep nesting) before hclsyntax sees it.
//  2. root.go collects the top-level blocks of all files and reports
//     duplicate names, pointing at both declarations.
//  3. variable_decode.go and var_values.go give every variable its value
//     (-var, -var-file, BERTH_VAR_name, default) and run its validations.
//  4. locals.go evaluates locals and expands for_each services (foreach.go)
//     in dependency order, so a local may use a for_each service and a
//     for_each may use a local; a cycle is reported, never followed.
//  5. One *_decode.go file per block type decodes it, next to its
//     hcl.BodySchema, applying the documented defaults and range checks.
//     Names given as strings are recorded and resolved after every block
//     is known; references (service.x) are checked before evaluation
//     (eval.go), both with "Did you mean" suggestions computed only on the
//     error path.
//  6. check*.go runs the checks that need the whole model: implicit links,
//     shared networks, timeouts against service times, call cycles and
//     host ports.
//
// docs/language.md is the reference of the syntax; TestLanguageDoc keeps
// its examples decodable, and testdata/errors holds one case per check.
package lang
