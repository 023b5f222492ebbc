package cli

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/spf13/cobra"

	"github.com/berth-dev/berth/backends/emulator"
	"github.com/berth-dev/berth/internal/words"
	"github.com/berth-dev/berth/lang"
)

func newValidateCmd() *cobra.Command {
	var sf specFlags
	var asJSON bool
	var backend backendFlag
	cmd := &cobra.Command{
		Use:   "validate [DIR]",
		Short: "Check a spec and print its diagnostics",
		Long: `Loads every *.berth.hcl file of DIR (the working directory by default),
evaluates variables, locals and for_each, decodes the blocks and runs the
semantic checks: unknown references, calls with no link, services that
share no network, cycles of synchronous calls, capacity that cannot work,
and more.

Each problem is printed as file:line:col with the source snippet, a
summary and a detail. With --json the same diagnostics are printed as one
JSON object:
  {"format_version", "valid": bool, "error_count": N, "warning_count": M,
   "diagnostics": [{"severity", "summary", "detail",
                    "range": {"filename", "start", "end"}, "snippet"}]}
The exit status is 1 when there is an error; warnings alone leave it 0.

It also compiles the spec for its backend (the berth block's backend,
compose by default, or --backend compose|swarm), as plan does but without
an engine, and reports what only that backend checks: replica port ranges
that overlap on compose, what a swarm manager would refuse, settings
swarm ignores.`,
		Example: `  berth validate examples/shop
  berth validate --json examples/shop | jq '.valid, .diagnostics[].summary'
  berth validate examples/fanout --var shard_replicas=3`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := backend.check(); err != nil {
				return err
			}
			spec, _, diags, err := loadSpecDiags(specDir(args), &sf)
			if err == nil && !diags.HasErrors() {
				be := string(backend)
				if be == "" {
					be = spec.Backend // the berth block's, compose by default
				}
				diags = append(diags, backendDiags(spec, be)...)
			}
			if err != nil {
				if !asJSON {
					return err
				}
				diags = hcl.Diagnostics{{Severity: hcl.DiagError, Summary: err.Error()}}
			}
			if asJSON {
				return writeValidateJSON(cmd, diags)
			}
			return writeValidateText(cmd, spec, diags)
		},
	}
	sf.register(cmd.Flags())
	backend.register(cmd.Flags())
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the result as JSON")
	return cmd
}

// validateResult is the JSON form of `berth validate`.
type validateResult struct {
	FormatVersion string     `json:"format_version"`
	Valid         bool       `json:"valid"`
	ErrorCount    int        `json:"error_count"`
	WarningCount  int        `json:"warning_count"`
	Diagnostics   []jsonDiag `json:"diagnostics"`
}

func writeValidateJSON(cmd *cobra.Command, diags hcl.Diagnostics) error {
	errs, warns := countDiags(diags)
	res := validateResult{
		FormatVersion: "1.0",
		Valid:         errs == 0,
		ErrorCount:    errs,
		WarningCount:  warns,
		Diagnostics:   toJSONDiags(diags),
	}
	if err := writeJSON(cmd.OutOrStdout(), res); err != nil {
		return err
	}
	if errs > 0 {
		return exitCode(ExitError)
	}
	return nil
}

func writeValidateText(cmd *cobra.Command, spec *lang.Spec, diags hcl.Diagnostics) error {
	if len(diags) > 0 {
		writeDiagsText(cmd.ErrOrStderr(), diags)
	}
	errs, warns := countDiags(diags)
	if errs > 0 {
		fmt.Fprintf(cmd.ErrOrStderr(), "The spec is invalid: %s, %s.\n", words.Count(errs, "error"), words.Count(warns, "warning"))
		return exitCode(ExitError)
	}
	services, links := specCounts(spec)
	msg := fmt.Sprintf("Success! The spec is valid (%s, %s)", words.Count(services, "service"), words.Count(links, "link"))
	if warns > 0 {
		msg += fmt.Sprintf(", with %s shown above", words.Count(warns, "warning"))
	}
	fmt.Fprintln(cmd.OutOrStdout(), msg+".")
	return nil
}

func countDiags(diags hcl.Diagnostics) (errs, warns int) {
	for _, d := range diags {
		if d.Severity == hcl.DiagError {
			errs++
		} else {
			warns++
		}
	}
	return errs, warns
}

// specCounts returns the services and the declared (not implicit) links.
func specCounts(spec *lang.Spec) (services, links int) {
	if spec == nil {
		return 0, 0
	}
	for _, l := range spec.Links {
		if !l.Implicit {
			links++
		}
	}
	return len(spec.Services), links
}

// backendDiags compiles spec with the named backend's target, which calls
// no engine, and returns its diagnostics.
func backendDiags(spec *lang.Spec, name string) hcl.Diagnostics {
	return checkDiags(spec, name, false)
}

// checkEmulator is composeEmulator for validate: the emulated service is
// compiled (its errors are validate's) but its config is not encoded.
var checkEmulator = composeEmulatorWith(emulator.CheckContainerSpec)
