package compose

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"github.com/docker/docker/api/types/filters"
	"github.com/docker/docker/api/types/network"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/planner"
)

// TakenName is the engine name of a volume or network the plan creates,
// already held by an object berth does not own.
type TakenName struct {
	Kind    string // "volume" or "network"
	Name    string // the engine's name, project_name
	Address planner.Address
	// Labelled: the object has the project's label but not
	// io.berth.backend=compose (made by hand, by an older berth, or by
	// the swarm backend), so this backend neither observes nor removes it.
	Labelled bool
}

// TakenNames returns, sorted, the volumes and networks the plan creates
// whose names objects without the project's label already have (made by
// docker-compose, or by hand). The engine hands such a volume back instead
// of creating one, so berth would mount a volume it does not own and plan
// to create it again for ever; it refuses a network by name. Plan warns
// about them; apply refuses them before any step.
func (b *Backend) TakenNames(ctx context.Context, p *planner.Plan) ([]TakenName, error) {
	var out []TakenName
	for _, s := range p.Steps {
		if s.Op != planner.OpCreate {
			continue
		}
		c := s.Change
		switch c.Type {
		case TypeVolume:
			name := VolumeName(p.Project, c.Name)
			v, err := b.cli.VolumeInspect(ctx, name)
			if isNotFound(err) {
				continue
			} else if err != nil {
				return nil, err
			}
			if !composeObject(v.Labels, p.Project) {
				out = append(out, TakenName{Kind: "volume", Name: name, Address: c.Address, Labelled: v.Labels[backends.LabelProject] == p.Project})
			}
		case TypeNetwork:
			name := NetworkName(p.Project, c.Name)
			ns, err := b.cli.NetworkList(ctx, network.ListOptions{Filters: filters.NewArgs(filters.Arg("name", name))})
			if err != nil {
				return nil, err
			}
			for _, n := range ns { // the filter matches parts of names too
				if n.Name == name && !composeObject(n.Labels, p.Project) {
					out = append(out, TakenName{Kind: "network", Name: name, Address: c.Address, Labelled: n.Labels[backends.LabelProject] == p.Project})
					break
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Address.Less(out[j].Address) })
	return out, nil
}

// composeObject reports whether a volume or network's labels make it one
// of the project's that this backend observes.
func composeObject(labels map[string]string, project string) bool {
	return labels[backends.LabelProject] == project && labels[backends.LabelBackend] == "compose"
}

// checkTakenNames refuses a plan that creates a volume or network whose
// name an object berth does not own has, before any step runs.
func (b *Backend) checkTakenNames(ctx context.Context, p *planner.Plan) error {
	taken, err := b.TakenNames(ctx, p)
	if err != nil || len(taken) == 0 {
		return err
	}
	var lines, rm []string
	for _, t := range taken {
		why := fmt.Sprintf("without the label %s=%s", backends.LabelProject, p.Project)
		if t.Labelled {
			why = fmt.Sprintf("with the label %s=%s but not %s=compose (made by hand, by an older berth, or by berth's swarm backend)", backends.LabelProject, p.Project, backends.LabelBackend)
		}
		lines = append(lines, fmt.Sprintf("  %s: the %s %s exists, %s", t.Address, t.Kind, t.Name, why))
		rm = append(rm, fmt.Sprintf("docker %s rm %s", t.Kind, t.Name))
	}
	return fmt.Errorf("the names of objects this plan creates are taken by objects that are not the compose project's:\n%s\nNothing was done. berth does not take over an object that is not the project's (a volume's data, a network's containers): remove it if it may go (%s), or give the project another name", strings.Join(lines, "\n"), strings.Join(rm, "; "))
}
