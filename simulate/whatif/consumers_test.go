package whatif

import (
	"math"
	"testing"

	"github.com/berth-dev/berth/lang"
)

// Messages run on the consumer threads, not the workers (as the simulator
// runs them): the offered utilisation of a consumer is λ·E[S] over its
// active consumers. ../testdata/mq: λ messages/s of exp(1 s) work. It was
// λ·E[S] over the workers, so one worker and 8 consumers at λ = 4 (ρ =
// 0.5) was pruned as ρ = 4, and 64 idle workers hid 2 consumers at ρ = 2.
func TestOfferedConsumers(t *testing.T) {
	for _, tc := range []struct {
		name string
		vars map[string]string
		rho  float64
	}{
		{"8 consumers, 1 worker", map[string]string{"rate": "4", "replicas": "1", "concurrency": "8", "workers": "1"}, 0.5},
		{"2 consumers, 64 workers", map[string]string{"rate": "4", "replicas": "1", "concurrency": "2"}, 2},
		{"kafka: 2 of 8 consumers active", map[string]string{"rate": "1", "replicas": "2", "concurrency": "4", "kind": "kafka", "partitions": "2"}, 0.5},
	} {
		spec, diags := lang.NewLoader().Load("../testdata/mq", lang.Options{Environ: []string{}, Vars: tc.vars})
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		ld := spec.Loads["l"]
		o := OfferedLoad(spec, ld, ld.Profile.Peak())
		if got := o.Busy["workers"]; math.Abs(got-tc.rho) > 1e-9 || math.Abs(o.Local["workers"]-tc.rho) > 1e-9 {
			t.Errorf("%s: busy %g, local %g, want ρ = %g", tc.name, got, o.Local["workers"], tc.rho)
		}
		if svc, rho := o.Bottleneck(); svc != "workers" || math.Abs(rho-tc.rho) > 1e-9 {
			t.Errorf("%s: bottleneck %s at %g, want workers at %g", tc.name, svc, rho, tc.rho)
		}
		if o.EndpointRate["workers"] != nil || o.ConsumeRate["workers"]["jobs"] != o.Rate["workers"] {
			t.Errorf("%s: requests %v, messages %v, all %g: the messages go to the consumers only", tc.name,
				o.EndpointRate["workers"], o.ConsumeRate["workers"], o.Rate["workers"])
		}
	}
}
