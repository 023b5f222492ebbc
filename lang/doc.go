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
package lang
