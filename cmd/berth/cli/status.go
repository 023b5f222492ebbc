package cli

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"github.com/berth-dev/berth/internal/words"
	"github.com/berth-dev/berth/planner"
)

func newStatusCmd() *cobra.Command {
	var df deployFlags
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "status [DIR]",
		Short: "Show what the engine runs for the project, and any drift",
		Long: `Shows every object the engine holds for the project in DIR (found by the
io.berth.project label) with its state: a compose container's (running
(healthy), exited (1), created, never started), a swarm service's tasks
(2/2 running, 1 lost with node n3). Then what was changed outside berth
(drift: a container removed by hand, a service's image edited, a network
disconnected), and how many changes a plan has.

--json prints {"format_version", "project", "backend", "resources":
[{"address", "type", "name", "id", "status", "attributes"}], "drift":
[...], "in_sync": bool, "summary": {"add", "change", "destroy"}}.`,
		Example: `  berth status examples/shop
  berth status --backend swarm examples/shop
  berth status --json examples/shop | jq '.drift'`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := specDir(args)
			spec, err := loadSpec(cmd, dir, &df.specFlags)
			if err != nil {
				return err
			}
			ctx, stop := interruptible(cmd)
			defer stop()
			be, err := openBackend(ctx, df.backendName(spec))
			if err != nil {
				return err
			}
			defer be.Close()
			pl, err := makePlan(ctx, cmd, be, spec, dir, df.emulate)
			if err != nil {
				return err
			}
			st := newStatus(pl.plan, pl.json)
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), st)
			}
			writeStatusText(cmd.OutOrStdout(), st)
			return nil
		},
	}
	df.register(cmd.Flags(), true)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the status as JSON")
	return singleDashFlags(cmd)
}

// statusJSON is the JSON form of berth status.
type statusJSON struct {
	FormatVersion string                `json:"format_version"`
	Project       string                `json:"project"`
	Backend       string                `json:"backend"`
	Resources     []statusResource      `json:"resources"`
	Drift         []*planner.JSONDrift  `json:"drift"`
	InSync        bool                  `json:"in_sync"`
	Summary       planner.JSONSummary   `json:"summary"`
	Pending       []*planner.JSONChange `json:"-"`
}

type statusResource struct {
	Address    string        `json:"address"`
	Type       string        `json:"type"`
	Name       string        `json:"name"`
	ID         string        `json:"id"`
	Status     string        `json:"status,omitempty"`
	Unready    string        `json:"unready,omitempty"` // why it does not serve although it matches (planner.ObservedResource.Unready)
	Attributes planner.Attrs `json:"attributes"`
}

func newStatus(p *planner.Plan, jp *planner.JSONPlan) *statusJSON {
	st := &statusJSON{FormatVersion: planner.FormatVersion, Project: jp.Project, Backend: jp.Backend,
		Drift: jp.Drift, InSync: p.Empty(), Summary: jp.Summary, Resources: []statusResource{}}
	for i, c := range p.Changes {
		if c.Before == nil {
			continue
		}
		// The plan's JSON view of what runs: a value derived from a
		// sensitive variable is (sensitive) and its hash there, as in the
		// plan, never the value the engine holds.
		st.Resources = append(st.Resources, statusResource{Address: c.Address.String(), Type: c.Type, Name: c.Name,
			ID: c.Before.ID, Status: c.Before.Status, Unready: c.Before.Unready, Attributes: jp.ResourceChanges[i].Before})
	}
	for _, c := range jp.ResourceChanges {
		if strings.Join(c.Actions, ",") != "no-op" {
			st.Pending = append(st.Pending, c)
		}
	}
	return st
}

func writeStatusText(w io.Writer, st *statusJSON) {
	if len(st.Resources) == 0 {
		fmt.Fprintf(w, "The engine holds nothing of the %s project %q.\n", st.Backend, st.Project)
	} else {
		fmt.Fprintf(w, "The %s project %q: %d objects.\n\n", st.Backend, st.Project, len(st.Resources))
		col := statusColumn(st.Resources)
		for _, r := range st.Resources {
			fmt.Fprintf(w, "  %-32s %-*s %s\n", r.Address, col, r.Status, shortID(r.Type, r.ID))
		}
		fmt.Fprintln(w)
	}
	planner.RenderDrift(w, st.Drift, planner.RenderOptions{})
	defer writeUnready(w, st.Resources)
	if st.InSync {
		fmt.Fprintln(w, "In sync with the spec.")
		return
	}
	fmt.Fprintf(w, "Not in sync with the spec: %d to add, %d to change, %d to destroy (berth plan shows why):\n", st.Summary.Add, st.Summary.Change, st.Summary.Destroy)
	for _, c := range st.Pending {
		fmt.Fprintf(w, "  %s: %s\n", c.Address, strings.Join(c.Actions, ", then "))
	}
}

// statusColumn is the width of the status column: 22, or the longest
// status of at most 40 characters (a swarm secret's versioned name,
// "shop_db_password-1ad600e0"), so the IDs line up. A longer one, an
// unready service's why, runs past it; the list after the verdict
// repeats it.
func statusColumn(rs []statusResource) int {
	col := 22
	for _, r := range rs {
		if n := utf8.RuneCountInString(r.Status); n > col && n <= 40 {
			col = n
		}
	}
	return col
}

// writeUnready lists the objects that do not serve as asked (tasks
// failing, a container unhealthy), whether or not they match the spec.
func writeUnready(w io.Writer, rs []statusResource) {
	var lines []string
	for _, r := range rs {
		if r.Unready != "" {
			lines = append(lines, fmt.Sprintf("  %s: %s", r.Address, r.Unready))
		}
	}
	if len(lines) > 0 {
		fmt.Fprintf(w, "\nNot ready: %s.\n%s\n", words.Count(len(lines), "object"), strings.Join(lines, "\n"))
	}
}

// shortID cuts an engine ID to its first 12 characters, as docker does.
// Only IDs are cut (hexadecimal, or swarm's base-36): a volume's ID is its
// name, and a name is shown whole.
func shortID(typ, id string) string {
	if typ == "volume" || len(id) <= 12 {
		return id
	}
	for _, r := range id {
		if !('0' <= r && r <= '9' || 'a' <= r && r <= 'z') {
			return id
		}
	}
	return id[:12]
}
