package report

import (
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

// TestLoadText: the page says what each kind of load sends; a closed load
// has no rate (it said "0 /s" of one).
func TestLoadText(t *testing.T) {
	for _, tc := range []struct {
		ld   lang.Load
		want string
	}{
		{lang.Load{Entry: lang.Ref{Service: "gw"}, Arrival: "poisson", Profile: lang.RateProfile{Kind: lang.ProfileConstant, Rate: 300}}, "300 /s poisson into gw"},
		{lang.Load{Entry: lang.Ref{Service: "gw", Endpoint: "list"}, Users: 200, ThinkTime: lang.Dist{Kind: lang.DistExp, Params: []float64{1.5}}}, "200 users thinking 1.5 s on average into gw/list"},
		{lang.Load{Entry: lang.Ref{Service: "gw"}, Users: 1, ThinkTime: lang.Dist{Kind: lang.DistConst, Params: []float64{(100 * time.Millisecond).Seconds()}}}, "1 user thinking 0.1 s on average into gw"},
	} {
		if got := loadText(&tc.ld); got != tc.want {
			t.Errorf("loadText = %q, want %q", got, tc.want)
		}
	}
}
