package report

import (
	"fmt"

	"github.com/berth-dev/berth/simulate"
)

// verdictView is one checked bound as the page shows it.
type verdictView struct {
	Run      string // the run's name, and the anchor of its section
	RunID    string
	Source   string // "scenario NAME", "slo NAME"
	Target   string
	Check    string // "p99 ≤ 250 ms"
	Measured string
	Pass     bool
	Pos      string
}

func viewVerdict(run *simulate.Report, runID string, v simulate.Verdict) verdictView {
	op := v.Op
	switch op {
	case "<=":
		op = "≤"
	case ">=":
		op = "≥"
	}
	measured := fmtMetric(v.Metric, v.Measured)
	if v.NoData {
		measured = "no request reached it"
	}
	return verdictView{
		Run:      run.Name,
		RunID:    runID,
		Source:   v.Source,
		Target:   v.Target,
		Check:    fmt.Sprintf("%s %s %s", v.Metric, op, fmtMetric(v.Metric, v.Bound)),
		Measured: measured,
		Pass:     v.Pass,
		Pos:      v.Pos,
	}
}

// summary is the page's banner: how many checks passed.
type summary struct {
	Checks, Failed, Runs int
}

// Status is "pass", "fail", or "none" when nothing was checked.
func (s summary) Status() string {
	switch {
	case s.Checks == 0:
		return "none"
	case s.Failed > 0:
		return "fail"
	}
	return "pass"
}

// Text is the banner's sentence.
func (s summary) Text() string {
	runs := plural(s.Runs, "run", "runs")
	switch {
	case s.Checks == 0:
		return fmt.Sprintf("No expect or slo bound was checked in %s.", runs)
	case s.Failed > 0:
		return fmt.Sprintf("%d of %s failed across %s.", s.Failed, plural(s.Checks, "check", "checks"), runs)
	}
	return fmt.Sprintf("All %s passed across %s.", plural(s.Checks, "check", "checks"), runs)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
