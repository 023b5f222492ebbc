package backends

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"

	"github.com/berth-dev/berth/planner"
)

// An apply that stops between a replacement's delete and its create (an
// interrupt, a failed step) leaves a replica missing between others, which
// the engine alone cannot tell from one removed by hand. The apply
// records those addresses in the project's state directory, so the next
// plan says what happened instead of calling it drift, and forgets each
// once it is created again.

func unfinishedPath(project string) string {
	return filepath.Join(ProjectDir(project), "unfinished.json")
}

// ReadUnfinished returns the addresses an earlier apply deleted and did
// not create again (none when the file is absent or unreadable).
func ReadUnfinished(project string) []planner.Address {
	data, err := os.ReadFile(unfinishedPath(project))
	if err != nil {
		return nil
	}
	var names []string
	if json.Unmarshal(data, &names) != nil {
		return nil
	}
	var out []planner.Address
	for _, n := range names {
		if a, err := planner.ParseAddress(n); err == nil {
			out = append(out, a)
		}
	}
	return out
}

// RecordUnfinished updates the record after an apply of p with result
// res: what is pending is what this plan creates and did not create yet,
// among what it deleted and what was pending before; no file is left when
// nothing is.
func RecordUnfinished(project string, p *planner.Plan, res *Result) error {
	pending := map[string]bool{}
	for _, a := range ReadUnfinished(project) {
		pending[a.String()] = true
	}
	for _, s := range res.Done {
		if s.Op == planner.OpDelete {
			pending[s.Address().String()] = true
		}
	}
	creates := map[string]bool{}
	for _, s := range p.Steps {
		if s.Op == planner.OpCreate {
			creates[s.Address().String()] = true
		}
	}
	for _, s := range res.Done {
		if s.Op == planner.OpCreate {
			delete(creates, s.Address().String())
		}
	}
	var names []string
	for n := range pending {
		if creates[n] {
			names = append(names, n)
		}
	}
	path := unfinishedPath(project)
	if len(names) == 0 {
		if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
			return err
		}
		return nil
	}
	sort.Strings(names)
	data, _ := json.Marshal(names)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	return os.WriteFile(path, data, 0o600)
}
