package report

import (
	"bufio"
	_ "embed"
	"errors"
	"fmt"
	"html/template"
	"io"
	"sync"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/simulate"
)

//go:embed page.html.tmpl
var pageTmpl string

//go:embed page.css
var pageCSS string

// pageTemplate parses the page template the first time a report is
// written, not at start-up: every berth command would otherwise pay for it
// (about 4 ms of package initialisation).
var pageTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("page").Parse(pageTmpl))
})

// pageView is everything the template shows.
type pageView struct {
	Project  string
	Meta     []string
	Summary  summary
	Verdicts []verdictView
	Runs     []*runView
	CSS      template.CSS
}

// WriteHTML writes the report of res, a simulation of spec, to w as one
// self-contained HTML page.
func WriteHTML(w io.Writer, spec *lang.Spec, res *simulate.Result) error {
	if spec == nil || res == nil {
		return errors.New("report: no spec or no result")
	}
	runs := res.Runs
	if len(runs) == 0 && res.Report != nil {
		runs = []*simulate.Report{res.Report}
	}
	if len(runs) == 0 {
		return errors.New("report: the result holds no run")
	}
	pv := &pageView{Project: spec.Project, CSS: template.CSS(pageCSS)}
	if pv.Project == "" {
		pv.Project = "berth"
	}
	for i, run := range runs {
		if run == nil || run.Entry == nil {
			return fmt.Errorf("report: run %d has no metrics", i+1)
		}
		rv, err := newRunView(spec, run, fmt.Sprintf("run-%d", i+1))
		if err != nil {
			return fmt.Errorf("report: %s: %w", run.Name, err)
		}
		pv.Runs = append(pv.Runs, rv)
		pv.Verdicts = append(pv.Verdicts, rv.Verdicts...)
	}
	pv.Summary = summary{Checks: len(pv.Verdicts), Runs: len(pv.Runs)}
	for _, v := range pv.Verdicts {
		if !v.Pass {
			pv.Summary.Failed++
		}
	}
	pv.Meta = pageMeta(spec, runs)
	bw := bufio.NewWriter(w)
	if err := pageTemplate().Execute(bw, pv); err != nil {
		return fmt.Errorf("report: %w", err)
	}
	return bw.Flush()
}

// pageMeta is the line under the title: backend, nodes, seed,
// replications.
func pageMeta(spec *lang.Spec, runs []*simulate.Report) []string {
	first := runs[0]
	out := []string{"backend " + orDefault(spec.Backend, lang.BackendCompose)}
	if spec.Nodes > 1 {
		out = append(out, plural(spec.Nodes, "node", "nodes"))
	}
	out = append(out, fmt.Sprintf("seed %d", first.Seed))
	if first.Replications > 1 {
		out = append(out, fmt.Sprintf("%d replications per run, 95 %% confidence intervals", first.Replications))
	}
	out = append(out, plural(len(runs), "run", "runs"))
	return out
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
