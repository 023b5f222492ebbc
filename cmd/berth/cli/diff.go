package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/spf13/cobra"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/lang/gitfs"
	"github.com/berth-dev/berth/simulate/review"
	"github.com/berth-dev/berth/simulate/whatif"
)

type diffFlags struct {
	sf        specFlags
	backend   backendFlag
	chdir     string
	format    string
	failOn    []string
	detailed  bool
	opts      review.Options
	loads     []string
	scenarios []string
}

func newDiffCmd() *cobra.Command {
	f := &diffFlags{}
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "Review a change to a spec: structure, simulated deltas and risks",
		Long: `Compares two versions of a spec the way a reviewer would, and prints one
report (a pull-request comment with --format markdown, the default):

  changes    services, links, queues, capacity, policies, loads and scenarios
             created, updated or deleted, down to the attribute, with the
             line that sets each on the NEW side (on the OLD side, REV:file,
             for what the change removes), and the variable or local it
             reads when the change edited that instead
  graph      the services and links as a Mermaid graph (it renders in GitHub
             comments), with what was added, removed or changed highlighted
  deltas     every load and scenario simulated on both sides with the same
             seeds (--replications, default 3): p50, p99, error rate and
             throughput of the entry before → after with 95 % confidence
             intervals, significant only when the intervals do not overlap,
             the expectations (expect, slo) on both sides, and the cost
  findings   risks on the NEW side, each with its file:line: a timeout below
             the callee's simulated p99, retries that amplify load
             (ρ·(1+R) > 1 at the declared peak), a synchronous chain deeper
             than --max-depth, a single replica on a critical path, a call
             without a timeout, a non-critical call (a branch of its own in a
             parallel block) without a fallback, retries without a budget, a
             queue whose consumers cannot keep up. New and worsened findings
             come first.

OLD and NEW are each a spec directory, or a git revision (a branch, tag,
commit, HEAD~1, origin/main) of the repository around the working directory,
read from git objects with no checkout. For a revision, -C names the spec
directory (relative to the working directory, as a path argument would);
a directory side is the spec directory itself. So the work tree against a
revision is: berth diff main examples/shop -C examples/shop.

An OLD side that does not validate (the change fixes it) is reviewed as an
empty spec, its errors listed at the top; a NEW side that does not is an
error.

--backend compose|swarm simulates both sides with that backend's failover
semantics, as if both set berth.backend to it (so it is no change).
Values derived from a sensitive variable, and secret values, never show:
a change of one reads (sensitive value changed).

--format text prints it for a terminal (no markdown, no graph); json prints
the same report as JSON; mermaid and dot print only the merged graph.
--fail-on regression exits 3 when a metric got significantly worse or an
expectation that passed now fails (so it needs the simulation: with
--no-simulate it is an error); --fail-on finding exits 3 when NEW has a
warning that OLD did not have (or had milder). A throughput that follows a
change of its load (its rate, say) is no regression. -detailed-exitcode
exits 2 when OLD and NEW differ (0 when they are the same, 1 on error, 3
still wins when --fail-on holds), as berth plan -detailed-exitcode does.`,
		Example: `  berth diff main HEAD -C examples/shop
  berth diff origin/main HEAD -C examples/shop --format markdown > comment.md
  berth diff old/ new/ --format json --fail-on regression,finding
  berth diff HEAD~1 HEAD -C examples/shop --format mermaid --no-simulate
  berth diff origin/main HEAD -C examples/shop --no-simulate -detailed-exitcode   # in CI: 2 means the architecture changed`,
		Args: exactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error { return runDiff(cmd, args[0], args[1], f) },
	}
	fs := cmd.Flags()
	f.sf.register(fs)
	f.backend.register(fs)
	fs.StringVarP(&f.chdir, "chdir", "C", "", "the spec directory of a revision side, relative to the working directory")
	fs.StringVar(&f.format, "format", "markdown", "markdown | text | json | mermaid | dot")
	fs.StringSliceVar(&f.failOn, "fail-on", nil, "exit 3 on: regression, finding (comma-separated or repeated)")
	fs.BoolVar(&f.detailed, "detailed-exitcode", false, "exit 2 when OLD and NEW differ (0: the same, 1: error, 3: --fail-on)")
	fs.IntVar(&f.opts.Replications, "replications", 3, "simulation replications per load and scenario and side")
	fs.Uint64Var(&f.opts.Seed, "seed", 1, "seed of the simulations; both sides use the same seeds")
	durationVar(fs, &f.opts.Duration, "duration", "override the loads' duration (e.g. 20s for a quicker review)")
	fs.StringArrayVar(&f.loads, "load", nil, "simulate only this load (repeatable; default: every load and scenario)")
	fs.StringArrayVar(&f.scenarios, "scenario", nil, "simulate only this scenario (repeatable)")
	fs.BoolVar(&f.opts.NoSimulation, "no-simulate", false, "structure and static findings only")
	fs.IntVar(&f.opts.Findings.MaxDepth, "max-depth", 4, "deepest synchronous call chain accepted")
	fs.Float64Var(&f.opts.MemoryWeight, "memory-weight", whatif.DefaultMemoryWeight, "cost of one GiB of memory in CPUs (0: memory costs nothing)")
	return cmd
}

func runDiff(cmd *cobra.Command, oldArg, newArg string, f *diffFlags) error {
	switch f.format {
	case "markdown", "text", "json", "mermaid", "dot":
	default:
		return fmt.Errorf("unknown --format %q: use markdown, text, json, mermaid or dot", f.format)
	}
	for _, v := range f.failOn {
		if v != "regression" && v != "finding" {
			return fmt.Errorf("unknown --fail-on %q: use regression or finding", v)
		}
		// A regression is a simulated delta: without the simulation the
		// gate could never fail, and a CI job would pass every change.
		if v == "regression" && f.opts.NoSimulation {
			return fmt.Errorf("--fail-on regression needs the simulation, which --no-simulate turns off: drop one of them (--fail-on finding works without it)")
		}
		if v == "regression" && (f.format == "mermaid" || f.format == "dot") {
			return fmt.Errorf("--fail-on regression needs the simulation, which --format %s does not run (it prints only the graph): use --format markdown or json", f.format)
		}
	}
	if err := errors.Join(checkReplications(f.opts.Replications), checkDurationFlag(cmd, f.opts.Duration),
		checkMemoryWeight(f.opts.MemoryWeight)); err != nil {
		return err
	}
	f.opts.MemoryWeightSet = cmd.Flags().Changed("memory-weight") // an explicit 0 means 0
	if f.opts.Findings.MaxDepth < 1 {
		return fmt.Errorf("--max-depth %d: must be at least 1", f.opts.Findings.MaxDepth)
	}
	old, odiags, err := loadSide(oldArg, f, nil)
	if err != nil {
		return err
	}
	new, ndiags, err := loadSide(newArg, f, nil)
	if err != nil {
		return err
	}
	// A -var for a variable that one side declares and the other does not
	// (the change adds it, or removes it) sets it on the side that has
	// it: the CI job of the pull request that adds a variable passes it.
	// One that neither side declares stays an error.
	if skip := oneSidedVars(f, old.Spec, new.Spec); len(skip) > 0 {
		if old.Spec != nil && !old.Absent && !declaresAll(old.Spec, skip) {
			if old, odiags, err = loadSide(oldArg, f, skip); err != nil {
				return err
			}
		}
		if new.Spec != nil && !new.Absent && !declaresAll(new.Spec, skip) {
			if new, ndiags, err = loadSide(newArg, f, skip); err != nil {
				return err
			}
		}
	}
	diagFiles = mergeFiles(old.Files, new.Files, revisionFiles(oldArg, old), revisionFiles(newArg, new))
	if !ndiags.HasErrors() && invalidBase(cmd, &old, odiags, new) {
		odiags = nil
	}
	if err := reportDiags(cmd, dedupeDiags(onlyErrors(odiags, ndiags))); err != nil {
		return err
	}
	if err := pairAbsent(cmd, &old, &new, f.chdir); err != nil {
		return err
	}
	f.opts.Loads, f.opts.Scenarios = f.loads, f.scenarios
	if f.format == "mermaid" || f.format == "dot" {
		f.opts.NoSimulation = true
	}
	r, diags := review.Build(old, new, f.opts)
	if err := reportDiags(cmd, diags); err != nil {
		return err
	}
	for _, n := range r.Notes {
		fmt.Fprintf(cmd.ErrOrStderr(), "berth diff: warning: %s.\n", n)
	}
	if err := writeReview(cmd, r, f.format); err != nil {
		return err
	}
	return diffExit(cmd, r, f.failOn, f.detailed)
}

func writeReview(cmd *cobra.Command, r *review.Review, format string) error {
	out := cmd.OutOrStdout()
	switch format {
	case "json":
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false) // the mermaid text and "->" stay readable
		return enc.Encode(r)
	case "mermaid":
		return r.Graph.WriteMermaid(out)
	case "dot":
		return r.Graph.WriteDOT(out)
	case "text":
		return r.WriteText(out)
	}
	return r.WriteMarkdown(out)
}

// diffExit returns exit status 3 when a --fail-on condition holds, and
// says why on stderr; else, with detailed, 2 when the sides differ.
func diffExit(cmd *cobra.Command, r *review.Review, failOn []string, detailed bool) error {
	var why []string
	for _, v := range failOn {
		switch {
		case v == "regression" && len(r.Regressions) > 0:
			why = append(why, fmt.Sprintf("%d regressions: %s", len(r.Regressions), strings.Join(r.Regressions, "; ")))
		case v == "finding" && r.NewWarnings() > 0:
			why = append(why, fmt.Sprintf("%d new or worse warnings", r.NewWarnings()))
		}
	}
	if len(why) == 0 {
		if detailed && len(r.Changes) > 0 {
			return exitCode(ExitChanges)
		}
		return nil
	}
	fmt.Fprintln(cmd.ErrOrStderr(), "berth diff: failing (--fail-on):", strings.Join(why, "; "))
	return exitCode(ExitSLOFails)
}

// loadSide loads one side: a spec directory, or else a git revision of
// the repository around the working directory (the spec in its -C
// directory).
//
// The -var values named in skip are left out: that side declares no such
// variable (oneSidedVars).
func loadSide(arg string, f *diffFlags, skip []string) (review.Side, hcl.Diagnostics, error) {
	opts, err := f.sf.options()
	if err != nil {
		return review.Side{}, nil, err
	}
	for _, name := range skip {
		delete(opts.Vars, name)
	}
	l := lang.NewLoader()
	side := review.Side{Label: arg}
	var dir string
	if st, err := os.Stat(arg); err == nil && st.IsDir() {
		dir = arg
	} else {
		fsys, err := gitfs.Open(".", arg)
		if err != nil {
			return side, nil, err
		}
		dir, err = repoPath(f.chdir)
		if err != nil {
			return side, nil, err
		}
		opts.FS = fsys
		side.FS = fsys
		side.Commit = fsys.Commit()
		if _, err := fs.Stat(fsys, dir); errors.Is(err, fs.ErrNotExist) {
			// The change adds (or removes) the spec: review it against
			// an empty one, as a pull request that introduces berth.
			side.Spec, side.Absent = lang.EmptySpec(dir, ""), true
			return side, nil, nil
		}
	}
	spec, diags := l.Load(dir, opts)
	if side.Commit != "" {
		atRevision(diags, arg, side.Commit)
	}
	if err := f.backend.override(spec); err != nil {
		return side, nil, err
	}
	side.Spec, side.Files = spec, l.Files()
	if spec == nil && !diags.HasErrors() {
		return side, diags, fmt.Errorf("no spec in %s", arg)
	}
	return side, diags, nil
}

// oneSidedVars returns the -var names that exactly one of the two specs
// declares (a nil spec, one that did not load, declares nothing known:
// none of its names count).
func oneSidedVars(f *diffFlags, old, new *lang.Spec) []string {
	if old == nil || new == nil {
		return nil
	}
	opts, err := f.sf.options()
	if err != nil {
		return nil
	}
	var out []string
	for name := range opts.Vars {
		if (old.Variables[name] != nil) != (new.Variables[name] != nil) {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out
}

// declaresAll reports whether spec declares every variable of names.
func declaresAll(spec *lang.Spec, names []string) bool {
	for _, n := range names {
		if spec.Variables[n] == nil {
			return false
		}
	}
	return true
}

// dedupeDiags keeps one of the diagnostics that both sides report about
// the command line (a -var that neither declares, "<-var NAME>"): the
// NEW side's, the later one, whose hint ("did you mean") is about the
// change. Diagnostics in a side's files are kept, each naming its side.
func dedupeDiags(diags hcl.Diagnostics) hcl.Diagnostics {
	var out hcl.Diagnostics
	at := map[string]int{}
	for _, d := range diags {
		if d.Subject == nil || !strings.HasPrefix(d.Subject.Filename, "<") {
			out = append(out, d)
			continue
		}
		k := fmt.Sprint(d.Severity, d.Summary, d.Subject.Filename)
		if i, ok := at[k]; ok {
			out[i] = d
			continue
		}
		at[k] = len(out)
		out = append(out, d)
	}
	return out
}

// pairAbsent handles a side that has no spec in the -C directory (the
// change adds the spec, or removes it): the empty side takes the other's
// project name, so only the spec's own contents show as changes, and a
// note says what is compared. Two absent sides are an error.
func pairAbsent(cmd *cobra.Command, old, new *review.Side, chdir string) error {
	if chdir == "" {
		chdir = "the working directory"
	}
	switch {
	case old.Absent && new.Absent:
		return fmt.Errorf("neither %s nor %s has a spec in %s: nothing to compare", old.Label, new.Label, chdir)
	case old.Absent && old.Invalid != nil: // invalidBase said why
	case old.Absent:
		old.Spec.Project = new.Spec.Project
		fmt.Fprintf(cmd.ErrOrStderr(), "berth diff: %s has no spec in %s, so the whole spec of %s shows as added.\n", old.Label, chdir, new.Label)
	case new.Absent:
		new.Spec.Project = old.Spec.Project
		fmt.Fprintf(cmd.ErrOrStderr(), "berth diff: %s has no spec in %s, so the whole spec of %s shows as removed.\n", new.Label, chdir, old.Label)
	}
	return nil
}

// atRevision says in the detail of each diagnostic with no source range
// (a missing directory, no spec files) which revision it is about: both
// sides may name the same directory.
func atRevision(diags hcl.Diagnostics, rev, commit string) {
	if len(commit) > 7 {
		commit = commit[:7]
	}
	for _, d := range diags {
		if d.Subject == nil {
			d.Detail = fmt.Sprintf("In revision %s (%s): %s", rev, commit, d.Detail)
			continue
		}
		d.Subject = atRev(rev, d.Subject)
		d.Context = atRev(rev, d.Context)
	}
}

// atRev returns a copy of r in the file REV:path, the name under which
// revisionFiles keeps the revision's source: both sides may hold a file
// of the same path (the same -C directory, or the work tree against a
// revision), and a diagnostic must show the side it is about.
func atRev(rev string, r *hcl.Range) *hcl.Range {
	if r == nil || strings.HasPrefix(r.Filename, "<") {
		// No file of the revision: a -var ("<-var NAME>") is the
		// command line's, the same for both sides.
		return r
	}
	c := *r
	c.Filename = rev + ":" + r.Filename
	return &c
}

// revisionFiles returns a revision side's files under REV:path (nil for
// a directory side).
func revisionFiles(rev string, side review.Side) map[string]*hcl.File {
	if side.Commit == "" {
		return nil
	}
	out := map[string]*hcl.File{}
	for name, f := range side.Files {
		out[rev+":"+name] = f
	}
	return out
}

func mergeFiles(ms ...map[string]*hcl.File) map[string]*hcl.File {
	out := map[string]*hcl.File{}
	for _, m := range ms {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

// onlyErrors keeps the errors of both sides' diagnostics: warnings of the
// spec are validate's business, not the review's.
func onlyErrors(sets ...hcl.Diagnostics) hcl.Diagnostics {
	var out hcl.Diagnostics
	for _, ds := range sets {
		for _, d := range ds {
			if d.Severity == hcl.DiagError {
				out = append(out, d)
			}
		}
	}
	return out
}

// repoPath turns -C (relative to the working directory, or absolute) into
// a slash-separated path from the repository's top level ("." for the top).
func repoPath(chdir string) (string, error) {
	top, prefix, err := gitfs.TopLevel(".")
	if err != nil {
		return "", err
	}
	dir := path.Join(prefix, filepath.ToSlash(chdir))
	if filepath.IsAbs(chdir) {
		realTop, _ := filepath.EvalSymlinks(top)
		realDir, err := filepath.EvalSymlinks(chdir)
		if err != nil {
			realDir = chdir
		}
		rel, err := filepath.Rel(realTop, realDir)
		if err != nil {
			return "", fmt.Errorf("-C %s is outside the repository at %s", chdir, top)
		}
		dir = path.Clean(filepath.ToSlash(rel))
	}
	if dir == "" {
		dir = "."
	}
	if dir == ".." || strings.HasPrefix(dir, "../") {
		return "", fmt.Errorf("-C %s is outside the repository at %s", chdir, top)
	}
	return dir, nil
}
