package planner

import (
	"fmt"
	"io"
	"strings"
)

// RenderOptions tune the human view.
type RenderOptions struct {
	// Color uses ANSI colors (a terminal).
	Color bool
}

// symbols and words of each action list, terraform-style.
var actionView = map[string]struct{ sym, word, color string }{
	"create":        {"+", "will be created", "\x1b[32m"},
	"update":        {"~", "will be updated in place", "\x1b[33m"},
	"delete,create": {"-/+", "must be replaced", "\x1b[31m"},
	"create,delete": {"+/-", "must be replaced (new one first)", "\x1b[31m"},
	"delete":        {"-", "will be destroyed", "\x1b[31m"},
}

// Render writes the human view of jp: the drift, each change with its
// reasons, and the summary line.
func Render(w io.Writer, jp *JSONPlan, opts RenderOptions) {
	RenderDrift(w, jp.Drift, opts)
	var shown []*JSONChange
	for _, c := range jp.ResourceChanges {
		if _, ok := actionView[strings.Join(c.Actions, ",")]; ok {
			shown = append(shown, c)
		}
	}
	defer renderUnready(w, jp)
	if len(shown) == 0 {
		fmt.Fprintf(w, "No changes. The %s project %q matches the spec.\n", jp.Backend, jp.Project)
		return
	}
	fmt.Fprintf(w, "berth will perform the following actions on the %s project %q:\n\n", jp.Backend, jp.Project)
	for _, c := range shown {
		renderChange(w, c, opts)
	}
	s := jp.Summary
	fmt.Fprintf(w, "\nPlan: %d to add, %d to change, %d to destroy.\n", s.Add, s.Change, s.Destroy)
}

// renderUnready lists the resources that match the spec, so the plan
// leaves them alone, but are not serving as asked: tasks that keep
// failing, a container that is unhealthy. "No changes" alone read as all
// is well after an apply that failed on them.
func renderUnready(w io.Writer, jp *JSONPlan) {
	var unready []*JSONChange
	for _, c := range jp.ResourceChanges {
		if c.Unready != "" && len(c.Actions) == 1 && c.Actions[0] == "no-op" {
			unready = append(unready, c)
		}
	}
	if len(unready) == 0 {
		return
	}
	fmt.Fprintf(w, "\nNot ready, though they match the spec (berth status shows more):\n")
	for _, c := range unready {
		fmt.Fprintf(w, "  %s%s %s\n", c.Address, strings.Repeat(" ", max(1, 26-len(c.Address))), c.Unready)
	}
}

// RenderDrift writes the "changed outside berth" section, if any.
func RenderDrift(w io.Writer, drift []*JSONDrift, opts RenderOptions) {
	if len(drift) == 0 {
		return
	}
	fmt.Fprintf(w, "Changes outside berth (drift):\n\n")
	for _, d := range drift {
		if d.Kind == DriftDeleted {
			fmt.Fprintf(w, "  %s was removed\n", d.Address)
			for _, a := range d.Attributes {
				fmt.Fprintf(w, "      %s\n", a.Message)
			}
			continue
		}
		fmt.Fprintf(w, "  %s was changed\n", d.Address)
		for _, a := range d.Attributes {
			a.Drift = false
			fmt.Fprintf(w, "      %s\n", a.String())
		}
	}
	fmt.Fprintln(w)
}

func renderChange(w io.Writer, c *JSONChange, opts RenderOptions) {
	v := actionView[strings.Join(c.Actions, ",")]
	sym := fmt.Sprintf("%-3s", v.sym)
	if opts.Color {
		sym = v.color + sym + "\x1b[0m"
	}
	fmt.Fprintf(w, "  %s %s%s %s\n", sym, c.Address, strings.Repeat(" ", max(1, 26-len(c.Address))), v.word)
	for _, r := range c.Reasons {
		if r.Message == "not found" && len(c.Reasons) == 1 {
			continue // a plain create says nothing more
		}
		fmt.Fprintf(w, "      %s%s\n", r.String(), forces(c, r))
	}
}

// forces marks the attribute that forces a replacement, whichever order
// the replacement takes (delete first, or create first for secrets and
// configs).
func forces(c *JSONChange, r Reason) string {
	if a, _ := ActionFromJSON(c.Actions); a == Replace && r.Action == Replace && r.Attribute != "" {
		return "   # forces replacement"
	}
	return ""
}
