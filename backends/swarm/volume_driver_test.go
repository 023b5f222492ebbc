package swarm

import (
	"slices"
	"testing"

	"github.com/docker/docker/api/types/swarm"

	"github.com/berth-dev/berth/planner"
)

const volumeSpec = `
berth {
  project = "vd"
  backend = "swarm"
}
volume "data" {
  driver = "nfs"
  labels = { team = "db" }
}
volume "cache" {}
service "db" {
  mount {
    volume = "data"
    target = "/data"
  }
  mount {
    volume    = "cache"
    target    = "/cache"
    read_only = true
  }
}
`

// A volume's driver reaches swarm: the tasks made the volume on their
// node with the local driver whatever the volume block said (export
// --for swarm kept it, so the two disagreed). The mount reads back as
// written, so the next plan is empty; a volume's labels, which swarm
// cannot carry, are a warning at the volume block.
func TestVolumeDriverReachesSwarm(t *testing.T) {
	spec := loadText(t, volumeSpec)
	d, diags := testTarget.Desired(spec)
	if diags.HasErrors() || len(diags) != 1 || diags[0].Summary != "Swarm ignores a volume's labels" || diags[0].Subject == nil || diags[0].Subject.Start.Line != 6 {
		t.Fatalf("diagnostics %v, want one warning at the volume block (line 6)", diags)
	}
	r := findResource(d, "service.db")
	if got, want := r.Attrs.List(attrMounts), []string{"volume:cache:/cache:ro", "volume:data:/data:driver=nfs"}; !slices.Equal(sortedCopy(got), want) {
		t.Fatalf("mounts %v, want %v", got, want)
	}
	def, err := defFromAttrs(r.Attrs)
	if err != nil {
		t.Fatal(err)
	}
	hash := planner.ConfigHash(r, testTarget.Schema(TypeService))
	ss, err := def.swarmSpec(specEnv{Project: "vd", Name: "db", Address: "service.db", ConfigHash: hash})
	if err != nil {
		t.Fatal(err)
	}
	drivers := map[string]string{}
	for _, m := range ss.TaskTemplate.ContainerSpec.Mounts {
		if m.VolumeOptions.DriverConfig != nil {
			drivers[m.Source] = m.VolumeOptions.DriverConfig.Name
		}
	}
	if drivers["vd_data"] != "nfs" || drivers["vd_cache"] != "" {
		t.Errorf("volume drivers in the swarm spec %v, want vd_data: nfs only", drivers)
	}
	o, _ := observeService(swarm.Service{ID: "x", Spec: ss}, observeEnv{Project: "vd"})
	p, err := planner.Reconcile("swarm", testTarget.Schema, []*planner.Resource{r}, &planner.Observed{Project: "vd", Resources: []*planner.ObservedResource{o}})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range p.Changes {
		if c.Address.String() == "service.db" && c.Action != planner.NoOp {
			t.Errorf("the service reads back changed:\n%s", p)
		}
	}
}
