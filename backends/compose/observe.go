package compose

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/docker/docker/api/types/filters"
	"github.com/docker/docker/api/types/network"
	"github.com/docker/docker/api/types/volume"
	"golang.org/x/sync/errgroup"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/planner"
)

// Observe implements backends.Backend: one snapshot of the networks,
// volumes, containers (by the io.berth.project label, and
// io.berth.backend=compose: a swarm deployment of the same project on
// this engine is not this backend's to plan or destroy; a container with
// no io.berth.backend is the project's too, see composeOwned) and secret
// and config files of the project, in the target's attribute space.
func (b *Backend) Observe(ctx context.Context, project string) (*planner.Observed, error) {
	obs := &planner.Observed{Project: project}
	f := filters.NewArgs(filters.Arg("label", backends.ProjectFilter(project)),
		filters.Arg("label", backends.LabelBackend+"=compose"))
	var nets []network.Summary
	var vols volume.ListResponse
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) { nets, err = b.cli.NetworkList(gctx, network.ListOptions{Filters: f}); return })
	g.Go(func() (err error) { vols, err = b.cli.VolumeList(gctx, volume.ListOptions{Filters: f}); return })
	var ctrs []*planner.ObservedResource
	g.Go(func() (err error) { ctrs, err = b.observeContainers(gctx, project); return })
	if err := g.Wait(); err != nil {
		return nil, fmt.Errorf("observe project %q: %w", project, err)
	}
	for _, n := range nets {
		obs.Resources = append(obs.Resources, observeNetwork(n))
	}
	for _, v := range vols.Volumes {
		obs.Resources = append(obs.Resources, observeVolume(v))
	}
	files, err := observeFiles(project)
	if err != nil {
		return nil, err
	}
	obs.Resources = append(obs.Resources, files...)
	obs.Resources = append(obs.Resources, ctrs...)
	obs.Resources = dedupe(obs.Resources)
	obs.Sort()
	obs.Unfinished = backends.ReadUnfinished(project)
	return obs, nil
}

// userLabels returns the labels that are neither berth's nor the tools'.
func userLabels(labels map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range labels {
		if !backends.IsToolLabel(k) {
			out[k] = v
		}
	}
	return out
}

// addressOf reads the io.berth.resource label, falling back to type.name.
func addressOf(labels map[string]string, typ, name string) planner.Address {
	if a, err := planner.ParseAddress(labels[backends.LabelResource]); err == nil && a.Type == typ {
		return a
	}
	return planner.Address{Type: typ, Name: name}
}

func observeNetwork(n network.Summary) *planner.ObservedResource {
	name := n.Labels[backends.ComposeNetwork]
	r := &planner.ObservedResource{ID: n.ID, ConfigHash: n.Labels[backends.LabelConfigHash], Status: "driver " + n.Driver}
	r.Address = addressOf(n.Labels, TypeNetwork, name)
	r.Attrs = planner.Attrs{}
	r.Attrs.Set("driver", n.Driver)
	r.Attrs.Set("internal", n.Internal)
	r.Attrs.Set("attachable", n.Attachable)
	r.Attrs.Set("labels", userLabels(n.Labels))
	return r
}

func observeVolume(v *volume.Volume) *planner.ObservedResource {
	r := &planner.ObservedResource{ID: v.Name, ConfigHash: v.Labels[backends.LabelConfigHash], Status: "driver " + v.Driver}
	r.Address = addressOf(v.Labels, TypeVolume, v.Labels[backends.ComposeVolume])
	r.Attrs = planner.Attrs{}
	r.Attrs.Set("driver", v.Driver)
	r.Attrs.Set("labels", userLabels(v.Labels))
	return r
}

// observeFiles lists the secret and config files of the project: one
// resource per name (the newest version); older versions left behind by an
// interrupted apply get the address name~hash, so the plan deletes them.
func observeFiles(project string) ([]*planner.ObservedResource, error) {
	var out []*planner.ObservedResource
	for _, kind := range []string{TypeSecret, TypeConfig} {
		dir := filepath.Dir(FilePath(project, kind, "x", "y"))
		entries, err := os.ReadDir(dir)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("observe %ss: %w", kind, err)
		}
		type version struct {
			name, hash, path string
			mtime            int64
		}
		var vs []version
		for _, e := range entries {
			name, hash, ok := splitVersion(e.Name())
			info, err := e.Info()
			if !ok || err != nil || !info.Mode().IsRegular() {
				continue
			}
			vs = append(vs, version{name, hash, filepath.Join(dir, e.Name()), info.ModTime().UnixNano()})
		}
		sort.Slice(vs, func(i, j int) bool {
			if vs[i].name != vs[j].name {
				return vs[i].name < vs[j].name
			}
			if vs[i].mtime != vs[j].mtime {
				return vs[i].mtime > vs[j].mtime
			}
			return vs[i].hash < vs[j].hash
		})
		for i, v := range vs {
			r := &planner.ObservedResource{ID: v.path}
			r.Address = planner.Address{Type: kind, Name: v.name}
			if i > 0 && vs[i-1].name == v.name {
				r.Address.Name = v.name + "~" + v.hash
			}
			r.Attrs = planner.Attrs{}
			r.Attrs.Set("content", "sha256:"+v.hash)
			if kind == TypeSecret {
				r.Sensitive = []string{"content"}
			}
			r.ConfigHash = planner.ConfigHash(&r.Resource, Schema(kind))
			out = append(out, r)
		}
	}
	return out, nil
}

// splitVersion splits a file name "<name>-<hash>" at its last dash.
func splitVersion(file string) (name, hash string, ok bool) {
	i := strings.LastIndexByte(file, '-')
	if i <= 0 || i == len(file)-1 {
		return "", "", false
	}
	return file[:i], file[i+1:], true
}

// dedupe renames all but the first resource at one address (objects copied
// by hand with berth's labels) to name~id, so the plan deletes them.
func dedupe(rs []*planner.ObservedResource) []*planner.ObservedResource {
	sort.SliceStable(rs, func(i, j int) bool {
		if rs[i].Address != rs[j].Address {
			return rs[i].Address.Less(rs[j].Address)
		}
		return rs[i].ID < rs[j].ID
	})
	var prev planner.Address
	for i, r := range rs {
		if i > 0 && r.Address == prev {
			r.Name += "~" + shortID(r.ID)
			r.Group, r.Index = "", 0
			continue
		}
		prev = r.Address
	}
	return rs
}

func shortID(id string) string {
	id = filepath.Base(id)
	if len(id) > 12 {
		return id[:12]
	}
	return id
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }
