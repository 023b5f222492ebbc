package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/spf13/cobra"

	"github.com/berth-dev/berth/internal/gcpolicy"
)

// Exit codes.
const (
	ExitOK       = 0
	ExitError    = 1
	ExitChanges  = 2
	ExitSLOFails = 3
)

// exitError carries an exit code out of a command. A nil err means the
// command already printed what it had to say.
type exitError struct {
	code int
	err  error
	// diags are the diagnostics already printed that made the command
	// fail, for the JSON error report of a --json command.
	diags hcl.Diagnostics
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit status %d", e.code)
	}
	return e.err.Error()
}

// exitCode returns an error that makes Main exit with code, printing nothing more.
func exitCode(code int) error { return &exitError{code: code} }

// Main runs berth with os.Args and returns the process exit code. As a
// short-lived process it first sets the command's garbage-collector policy
// (internal/gcpolicy: GOGC 400 with a 1 GiB soft memory limit), unless
// GOGC or GOMEMLIMIT is set in the environment. Run, which tests call
// in-process, leaves the runtime's setting alone.
func Main() int {
	gcpolicy.Apply(os.Getenv)
	defer startProfile(os.Getenv, os.Stderr)()
	return Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
}

// Run runs berth with args and the given streams, and returns the exit code.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	args, noColor := withoutNoColor(args)
	defer applyNoColor(noColor)()
	root := newRootCmd()
	root.Annotations = map[string]string{argsAnnotation: strings.Join(args, "\x00")}
	root.SetArgs(terraformStyle(root, args))
	root.SetIn(stdin)
	out := &watchedWriter{w: stdout}
	root.SetOut(out)
	root.SetErr(stderr)
	root.SetContext(withNotices(context.Background(), stderr))
	cmd, err := root.ExecuteC()
	if err == nil {
		return ExitOK
	}
	code, diags := ExitError, hcl.Diagnostics(nil)
	var ee *exitError
	if errors.As(err, &ee) {
		code, diags = ee.code, ee.diags
		if ee.err != nil {
			fmt.Fprintln(stderr, "Error:", ee.err)
			diags = append(diags, errorDiag(ee.err))
		}
	} else {
		fmt.Fprintln(stderr, "Error:", err)
		diags = hcl.Diagnostics{errorDiag(err)}
	}
	if code == ExitError && !out.wrote && wantsJSON(cmd) && diags.HasErrors() {
		writeJSONErrors(stdout, diags)
	}
	return code
}

// commands lists the constructors of berth's subcommands; each lives in its
// own file.
var commands = []func() *cobra.Command{
	newVersionCmd,
	newValidateCmd,
	newFmtCmd,
	newGraphCmd,
	newEmulateCmd,
	newPlanCmd,
	newApplyCmd,
	newDestroyCmd,
	newStatusCmd,
	newExportCmd,
	newImportCmd,
	newDiffCmd,
	newSimulateCmd,
	newWhatifCmd,
	newLoadtestCmd,
	newCompareCmd,
	newCalibrateCmd,
}

// otherToolsNames are, by berth command, what docker compose, docker
// stack and terraform call it: 'berth up' suggests apply ("Did you mean
// this? apply"), where it said only 'unknown command "up" for "berth"'.
var otherToolsNames = map[string][]string{
	"apply":    {"up", "deploy", "create", "start"},
	"destroy":  {"down", "rm", "remove", "delete"},
	"status":   {"ps", "show", "state", "ls"},
	"validate": {"check", "lint"},
	"export":   {"config", "convert"},
}

func newRootCmd() *cobra.Command {
	root := &cobra.Command{
		Use:   "berth",
		Short: "Compile, deploy and simulate Docker microservice systems from one HCL spec",
		Long: `berth reads a directory of *.berth.hcl files that describe services, the
links between them (timeouts, retries, circuit breakers, fallbacks, fan-out)
and their capacity. From that one spec it can:

  plan and apply   the services to Docker Compose or Docker Swarm
  simulate         the same system under load, with faults, before deploying`,
		Example: `  berth validate examples/shop
  berth simulate examples/shop --scenario orders-replica-loss
  berth plan examples/shop -out plan.json && berth apply plan.json`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	for _, c := range commands {
		cmd := c()
		cmd.SuggestFor = append(cmd.SuggestFor, otherToolsNames[cmd.Name()]...)
		root.AddCommand(cmd)
	}
	root.SetFlagErrorFunc(flagError)
	root.SetHelpCommand(newHelpCmd())
	root.Version = versionString() // berth --version, as berth version
	root.SetVersionTemplate("berth {{.Version}}\n")
	root.InitDefaultVersionFlag()
	root.Flags().Lookup("version").Usage = "print berth's version, as berth version does" // cobra's read "version for berth"
	// Taken out of the arguments before cobra parses them (withoutNoColor):
	// defined here to be listed under Global Flags.
	root.PersistentFlags().Bool(noColorFlag, false, "no colors, as NO_COLOR=1 (terraform's -no-color); berth colors only a terminal")
	root.InitDefaultHelpFlag()
	root.Flags().Lookup("help").Usage = "show this help; berth COMMAND --help shows a command's"
	return root
}
