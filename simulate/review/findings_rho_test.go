package review

import (
	"strings"
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/simulate"
	"github.com/berth-dev/berth/simulate/whatif"
)

// A simulated peak that failed requests measured only what got through:
// a service behind the failing one reads its analytic ρ when that is
// higher. A change that made gateway → orders fail had users-db's retry
// amplification read as resolved (0.32 × 3 < 1 simulated, 0.34 × 3 > 1
// offered). A peak without failures keeps its simulated ρ.
func TestRhoAfterUpstreamFailures(t *testing.T) {
	peak := &lang.Load{Name: "peak", Duration: time.Minute, Profile: lang.RateProfile{Kind: lang.ProfileConstant, Rate: 300}}
	offered := &whatif.Offered{CPU: map[string]float64{}, Busy: map[string]float64{"users-db": 0.34}}
	for _, tc := range []struct {
		errors  float64
		want    float64
		srcHead string
	}{
		{0, 0.32, "simulated"},
		{0.005, 0.32, "simulated"},
		{0.075, 0.34, "analytic: the simulated peak failed 7.5 % of its requests, so the 0.32 it measured is what reached users-db"},
	} {
		c := &checker{peak: peak, offered: offered, report: &simulate.Report{
			Duration: 60, Warmup: 5,
			Entry:    &simulate.Metrics{ErrorRate: tc.errors},
			Services: map[string]*simulate.Metrics{"users-db": {Utilization: 0.32}},
		}}
		rho, src := c.rho("users-db")
		if rho != tc.want || !strings.HasPrefix(src, tc.srcHead) {
			t.Errorf("errors %g: ρ %g (%s), want %g (%s…)", tc.errors, rho, src, tc.want, tc.srcHead)
		}
	}
}
