package cli

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/spf13/cobra"
	"github.com/zclconf/go-cty/cty"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
	"github.com/berth-dev/berth/simulate/loadgen"
)

func newCalibrateCmd() *cobra.Command {
	var f calibrateFlags
	cmd := &cobra.Command{
		Use:   "calibrate [DIR]",
		Short: "Measure the cost of one network hop on the real engine, for the simulator's hop_latency",
		Long: `The simulator adds no hidden delays: a call between services costs
nothing unless the spec says so. calibrate measures what a call costs on
the engine, so that the simulation can say it.

It deploys a small probe project of its own, "<project>-calibrate", on the
spec's backend (compose unless the spec or --backend says swarm): two
emulated services, the first published on a free port of 127.0.0.1. It
times, one request at a time and in turn, a request the probe answers at
once, and one for which it first calls the second service 8 times in a
row, with no work anywhere. The difference is 16 hops (8 round trips) of
network and HTTP; a sixteenth of it is the hop latency, each way, that
berth.defaults.hop_latency holds. It also reports the client → entry
round trip (which compare adds for the entry) and how much longer than
asked 5 ms of emulated work takes on this machine (timer granularity and
CPU contention; the simulator does not model it). Then it removes the
probe project.

It prints the line to add to the spec; --write sets it in the spec's
berth block (made if there is none), changing nothing else in the file.`,
		Example: `  berth calibrate examples/shop
  berth calibrate examples/shop --write
  berth calibrate --samples 500 --json`,
		Args: cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runCalibrate(cmd, specDir(args), &f)
		},
	}
	f.register(cmd.Flags(), false)
	fl := cmd.Flags()
	fl.IntVar(&f.samples, "samples", 200, "requests of each kind timed")
	fl.BoolVar(&f.write, "write", false, "set berth.defaults.hop_latency in the spec")
	fl.BoolVar(&f.keep, "keep", false, "leave the probe project running")
	fl.DurationVar(&f.wait, "wait", time.Minute, "how long to wait for the probe to be ready")
	fl.BoolVar(&f.json, "json", false, "print the measurement as JSON")
	return cmd
}

type calibrateFlags struct {
	deployFlags
	samples int
	write   bool
	keep    bool
	wait    time.Duration
	json    bool
}

// calibration is calibrate's JSON.
type calibration struct {
	Backend string `json:"backend"`
	Project string `json:"project"`
	// Target is the probe's URL (still up with --keep).
	Target     string `json:"target"`
	HopLatency string `json:"hop_latency"`
	*loadgen.Calibration
	Written string `json:"written,omitempty"`
	Kept    bool   `json:"kept,omitempty"`
}

func runCalibrate(cmd *cobra.Command, dir string, f *calibrateFlags) error {
	spec, err := loadSpec(cmd, dir, &f.specFlags)
	if err != nil {
		return err
	}
	if f.samples < 10 {
		return fmt.Errorf("--samples %d: use at least 10", f.samples)
	}
	ctx, stop := signalContext(cmd)
	defer stop()
	name := f.backendName(spec)
	be, err := openBackend(ctx, name)
	if err != nil {
		return err
	}
	defer be.Close()
	port, err := freeLoopbackPort()
	if err != nil {
		return err
	}
	probe := probeSpec(spec.Project, name, port)
	release, err := lockProject(cmd, probe.Project, false)
	if err != nil {
		return err
	}
	defer release()
	errOut := cmd.ErrOrStderr()
	fmt.Fprintf(errOut, "Deploying the calibration probe %q on %s...\n", probe.Project, name)
	if !f.keep {
		defer removeProbe(cmd, be, probe.Project)
	}
	if err := deployProbe(ctx, cmd, be, probe, f.wait); err != nil {
		return err
	}
	target, _ := loadgen.CheckTarget("127.0.0.1:" + strconv.Itoa(port))
	if err := probeReady(ctx, target, f.wait); err != nil {
		return err
	}
	fmt.Fprintf(errOut, "Timing %d requests of each kind at %s...\n", f.samples, target)
	cal, err := loadgen.Calibrate(ctx, target, f.samples)
	if err != nil {
		return err
	}
	out := &calibration{Backend: name, Project: probe.Project, Target: target.String(), HopLatency: cal.HopLatency(), Calibration: cal, Kept: f.keep}
	if f.write {
		if out.Written, err = writeHopLatency(spec.Dir, out.HopLatency); err != nil {
			return err
		}
		if _, err := loadSpec(cmd, dir, &f.specFlags); err != nil {
			return fmt.Errorf("the spec does not load after writing hop_latency to %s", out.Written)
		}
	}
	if f.json {
		return writeJSON(cmd.OutOrStdout(), out)
	}
	writeCalibration(cmd, out)
	return nil
}

// probeSpec is the calibration project of a spec's project on backend.
func probeSpec(project, backend string, port int) *lang.Spec {
	name := project + "-calibrate"
	if len(name) > 63 {
		name = name[:54] + "-calibrate"
	}
	s := loadgen.ProbeSpec(name, port)
	s.Backend = backend
	if backend == lang.BackendSwarm {
		// Service names by DNS round robin and the port published on the
		// host: what works everywhere (no IPVS needed).
		for _, svc := range s.Services {
			svc.EndpointMode = "dnsrr"
			for i := range svc.Ports {
				svc.Ports[i].Mode = "host"
			}
		}
	}
	return s
}

func freeLoopbackPort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// deployProbe plans the probe project against the engine and applies it.
func deployProbe(ctx context.Context, cmd *cobra.Command, be backends.Backend, probe *lang.Spec, wait time.Duration) error {
	tg, err := be.Target(ctx, backends.TargetOptions{Emulate: true, NeedEmulator: true})
	if err != nil {
		return err
	}
	obs, err := be.Observe(ctx, probe.Project)
	if err != nil {
		return err
	}
	p, desired, diags := planner.Make(tg, probe, obs)
	if diags.HasErrors() {
		return fmt.Errorf("calibration probe: %s", diags.Error())
	}
	errOut := cmd.ErrOrStderr()
	prog := backends.NewProgress(errOut, isTerminal(errOut))
	res, err := be.Apply(ctx, p, backends.ApplyOptions{Contents: desired.Contents, Progress: prog, Wait: wait})
	prog.Close()
	if err != nil {
		return err
	}
	if !res.OK() {
		for _, e := range append(res.Failed, res.Unready...) {
			fmt.Fprintln(errOut, "  ", e)
		}
		return fmt.Errorf("the calibration probe did not start (see above)")
	}
	return nil
}

// removeProbe destroys the probe project, even after an interrupt.
func removeProbe(cmd *cobra.Command, be backends.Backend, project string) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	err := func() error {
		tg, err := be.Target(ctx, backends.TargetOptions{})
		if err != nil {
			return err
		}
		obs, err := be.Observe(ctx, project)
		if err != nil {
			return err
		}
		p, err := planner.Reconcile(be.Name(), tg.Schema, nil, obs)
		if err != nil || p.Empty() {
			return err
		}
		p.Project = project
		res, err := be.Apply(ctx, p, backends.ApplyOptions{})
		if err == nil && !res.OK() {
			err = fmt.Errorf("%d steps failed", len(res.Failed))
		}
		return err
	}()
	if err != nil {
		fmt.Fprintf(cmd.ErrOrStderr(), "Warning: the calibration probe %q was not removed: %v (berth destroy --project %s removes it)\n", project, err, project)
	}
}

// probeReady waits until the probe's chain answers 200: the probe is up
// and finds the echo service by name.
func probeReady(ctx context.Context, target *url.URL, wait time.Duration) error {
	if err := loadgen.WaitReady(ctx, target, wait); err != nil {
		return err
	}
	deadline := time.Now().Add(wait)
	for {
		var body map[string]any
		err := loadgen.FetchJSON(ctx, target, "/chain", &body)
		if err == nil || ctx.Err() != nil {
			return ctx.Err()
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the calibration probe does not reach its echo service after %s: %v", wait, err)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

func writeCalibration(cmd *cobra.Command, c *calibration) {
	w := cmd.OutOrStdout()
	fmt.Fprintf(w, "Measured on the %s engine, %d requests of each kind, one at a time:\n", c.Backend, c.Samples)
	fmt.Fprintf(w, "  one hop, each way (network and HTTP):  %s  (from medians: %s)\n", loadgen.FormatHop(c.Hop), loadgen.FormatHop(c.HopMedian))
	fmt.Fprintf(w, "  client → entry round trip:            %s  (compare adds it to the simulated entry latency)\n", loadgen.FormatHop(c.RoundTrip))
	fmt.Fprintf(w, "  5ms of emulated work took:            %s more  (not modelled: the emulator's timers and this machine's load)\n", loadgen.FormatHop(c.WorkOvershoot))
	if c.Kept {
		fmt.Fprintf(w, "  the probe stays up at %s; berth destroy --project %s removes it\n", c.Target, c.Project)
	}
	if c.Written != "" {
		fmt.Fprintf(w, "\nWrote hop_latency = %q into the berth block of %s.\n", c.HopLatency, c.Written)
		return
	}
	fmt.Fprintf(w, "\nAdd to the spec (or run with --write):\n\n  berth {\n    defaults {\n      hop_latency = %q\n    }\n  }\n", c.HopLatency)
}

// writeHopLatency sets berth { defaults { hop_latency = value } } in the
// spec file of dir that has the berth block (the first file when none
// has one) and returns the file's path. Everything else in the file stays
// as it was.
func writeHopLatency(dir, value string) (string, error) {
	files, err := specFilesIn(dir, false)
	if err != nil || len(files) == 0 {
		return "", fmt.Errorf("no %s files in %s", specSuffix, dir)
	}
	path, f, block := files[0], (*hclwrite.File)(nil), (*hclwrite.Block)(nil)
	for _, p := range files {
		pf, err := parseForWrite(p)
		if err != nil {
			return "", err
		}
		if f == nil {
			f = pf
		}
		if b := pf.Body().FirstMatchingBlock("berth", nil); b != nil {
			path, f, block = p, pf, b
			break
		}
	}
	if block == nil {
		f.Body().AppendNewline()
		block = f.Body().AppendNewBlock("berth", nil)
	}
	defaults := block.Body().FirstMatchingBlock("defaults", nil)
	if defaults == nil {
		defaults = block.Body().AppendNewBlock("defaults", nil)
	}
	defaults.Body().SetAttributeValue("hop_latency", cty.StringVal(value))
	st, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	tmp := filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+".tmp")
	if err := os.WriteFile(tmp, f.Bytes(), st.Mode().Perm()); err != nil {
		return "", err
	}
	return path, os.Rename(tmp, path)
}

func parseForWrite(path string) (*hclwrite.File, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	f, diags := hclwrite.ParseConfig(src, path, hcl.InitialPos)
	if diags.HasErrors() {
		return nil, fmt.Errorf("%s: %s", path, diags.Error())
	}
	return f, nil
}
