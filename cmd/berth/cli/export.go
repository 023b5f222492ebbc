package cli

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/spf13/cobra"
	"github.com/zclconf/go-cty/cty"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/compose"
	"github.com/berth-dev/berth/backends/emulator"
	"github.com/berth-dev/berth/lang"
)

func newExportCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "export FORMAT [DIR]",
		Short: "Write the project in another tool's format",
		Long: `Writes the project of a spec in another tool's format, compiled by the
same code as berth plan, so the other tool runs what berth apply would.
The one format is compose: a Compose file for docker-compose, or for
docker stack deploy with --for swarm. berth import reads a Compose file
back into a spec. The project's paths (bind sources, secret and config
files) are written relative to the file's directory, or to the working
directory for standard output (see berth export compose --help).`,
		Example: `  berth export compose examples/shop -o compose.yaml
  docker-compose -p shop -f compose.yaml config
  berth export compose examples/shop --for swarm -o stack.yaml`,
		Args: cobra.ArbitraryArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return cmd.Help()
			}
			return fmt.Errorf("berth export has no format %q: the format comes first, and the one format is compose (berth export compose %s)", args[0], strings.Join(exportArgsAfterFormat(args), " "))
		},
	}
	cmd.AddCommand(newExportComposeCmd())
	return cmd
}

// exportArgsAfterFormat returns what follows the format in the command
// that export suggests for args that do not start with one: a format
// written after the directory moves to the front, an unknown one
// followed by more is dropped (yaml in "export yaml DIR"), and a lone
// argument is taken for the directory.
func exportArgsAfterFormat(args []string) []string {
	var rest []string
	for _, a := range args {
		if a != "compose" {
			rest = append(rest, a)
		}
	}
	if len(rest) == len(args) && len(args) > 1 {
		return args[1:]
	}
	return rest
}

func newExportComposeCmd() *cobra.Command {
	var sf specFlags
	var out string
	var emulate bool
	var target string
	var backend backendFlag
	cmd := &cobra.Command{
		Use:   "compose [DIR]",
		Short: "Write a Compose-specification file of the project",
		Long: `Writes a Compose file of the spec in DIR with the services, networks,
volumes, secrets, configs, health checks, ports, labels and
deploy.replicas/deploy.resources that 'berth apply' would run, compiled by
the same code, so 'docker-compose -p PROJECT -f FILE up -d' starts the
same project. Emulated services (no image, or all with --emulate) run
berth's emulator image, which is built through the engine when one answers.

Replicas of a service with a published port share a host port range
(published to published+replicas-1), as berth's compose backend does.

The file is for the spec's berth.backend (compose by default): --for
swarm, or --backend swarm (the flag plan and apply take; the two are the
same), writes one for 'docker stack deploy' instead.

Secret values never appear: secrets are files. Neither does an env value
derived from a sensitive variable: the file reads it from an environment
variable, ${BERTH_VAR_name} when it is the variable's value as it is (the
variable berth itself reads; ${BERTH_VAR_name-default} when the variable
has a default, which Compose takes when it is unset, as berth does), else
${BERTH_ENV_SERVICE_KEY}, and a warning names it.

Bind sources and secret and config files of the project are written
relative to the directory of the -o file (to the working directory when
the file goes to standard output), which Compose resolves them against,
so the file can be kept in the repository and run from any checkout:
./data, ../shared/app.conf. A path of the host (/var/run/docker.sock),
sharing at most one leading directory with that directory, stays
absolute. (A file --for swarm still names every path absolute.)`,
		Example: `  berth export compose examples/shop -o compose.yaml
  berth export compose --emulate examples/shop > compose.yaml
  berth export compose --for swarm examples/shop -o stack.yaml && docker stack deploy --resolve-image never -c stack.yaml shop`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := checkOutputFile("-o", out); err != nil {
				return err // before the emulator image is built
			}
			spec, err := loadSpec(cmd, specDir(args), &sf)
			if err != nil {
				return err
			}
			if target, err = exportTarget(cmd, target, backend, spec); err != nil {
				return err
			}
			if len(spec.Services) == 0 {
				return reportDiags(cmd, hcl.Diagnostics{nothingToExport(spec)})
			}
			spec, names := withoutSensitive(cmd, spec)
			if target == lang.BackendSwarm {
				return exportSwarm(cmd, spec, emulate, out, names) // export_swarm.go
			}
			tg := &compose.Target{Emulate: emulate, Emulator: composeEmulator}
			if backends.NeedsEmulator(spec, emulate) {
				tg.EmulatorImage = exportEmulatorImage(cmd)
			}
			d, diags := tg.Desired(spec)
			if err := reportDiags(cmd, diags); err != nil {
				return err
			}
			data, warnings, err := compose.ExportTo(exportProjectDir(out), tg, spec, d)
			if err != nil {
				return err
			}
			data = interpolate(data, names)
			for _, w := range warnings {
				fmt.Fprintf(cmd.ErrOrStderr(), "Warning: %s\n", w)
			}
			if out == "" || out == "-" {
				_, err = cmd.OutOrStdout().Write(data)
				return err
			}
			return os.WriteFile(out, data, 0o644)
		},
	}
	sf.register(cmd.Flags())
	outputVar(cmd.Flags(), &out, "write to FILE instead of standard output")
	cmd.Flags().BoolVar(&emulate, "emulate", false, "run every service under berth's emulator, whatever its image")
	cmd.Flags().StringVar(&target, "for", "", "compose, or swarm: a file for docker stack deploy --resolve-image never (default: the spec's berth.backend)")
	backend.register(cmd.Flags())
	return singleDashFlags(cmd)
}

// exportProjectDir is the directory Compose resolves the exported file's
// relative paths against: the -o file's, or for standard output the
// working directory (as docker-compose -f - reads it); "" (every path
// absolute) when it cannot be told.
func exportProjectDir(out string) string {
	dir := "."
	if out != "" && out != "-" {
		dir = filepath.Dir(out)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	return abs
}

// exportEmulatorImage returns the emulator image, built through the engine
// when one answers, else its repository with a warning.
func exportEmulatorImage(cmd *cobra.Command) string {
	ctx := cmd.Context()
	if ctx == nil {
		ctx = context.Background()
	}
	cli, err := backends.NewClient(ctx)
	if err == nil {
		defer cli.Close()
		var ref string
		if ref, err = cachedEmulatorImage(ctx, cli); err == nil {
			return ref
		}
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "Warning: the emulator image could not be built (%v); the file names %s:latest\n", err, emulator.ImageRepo)
	return emulator.ImageRepo + ":latest"
}

// exportTarget is the backend the file is for: --for or --backend (which
// must agree), else the spec's berth.backend.
func exportTarget(cmd *cobra.Command, forFlag string, backend backendFlag, spec *lang.Spec) (string, error) {
	if err := backendFlag(forFlag).check(); err != nil {
		return "", fmt.Errorf("unknown --for %q: use compose or swarm", forFlag)
	}
	if err := backend.check(); err != nil {
		return "", err
	}
	switch {
	case forFlag != "" && backend != "" && forFlag != string(backend):
		return "", fmt.Errorf("--for %s and --backend %s disagree: give one of them", forFlag, string(backend))
	case forFlag != "":
		return forFlag, nil
	case backend != "":
		return string(backend), nil
	case spec.Backend != "":
		return spec.Backend, nil
	}
	return lang.BackendCompose, nil
}

// withoutSensitive returns spec, or a copy of it in which each env value
// derived from a sensitive variable is a ${NAME} (or, with the variable's
// default, ${NAME-default}: export_defaults.go) interpolation Compose
// fills from the environment, with a warning on stderr naming NAME; and
// what goes inside the ${...} (see interpolate).
func withoutSensitive(cmd *cobra.Command, spec *lang.Spec) (*lang.Spec, []string) {
	out := spec
	var inners []string
	for _, svc := range spec.SortedServices() {
		for _, k := range slices.Sorted(maps.Keys(svc.Env)) {
			if !svc.IsSensitive("env." + k) {
				continue
			}
			if out == spec {
				out = spec.Clone()
			}
			val, used, notes := interpolation(spec, svc, k)
			out.Services[svc.Name].Env[k] = val
			inners = append(inners, used...)
			var vars, defaults []string
			for _, u := range used {
				vars = append(vars, envVarOf(u))
				if envVarOf(u) != u {
					defaults = append(defaults, "var."+strings.TrimPrefix(envVarOf(u), lang.EnvVarPrefix))
				}
			}
			what := "the environment variable " + vars[0]
			if len(vars) > 1 {
				what = "the environment variables " + strings.Join(vars, ", ")
			}
			if len(defaults) > 0 {
				notes = append([]string{" (unset, the file takes the default of " + strings.Join(defaults, ", ") + ", as berth apply does)"}, notes...)
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "Warning: env %s of service %q derives from a sensitive variable, so the file reads it from %s: set it where the file is deployed%s\n", k, svc.Name, what, strings.Join(notes, ""))
		}
	}
	return out, inners
}

// interpolate turns each ${INNER} of inners (NAME or NAME-default), which
// the Compose file writer escapes as a literal $${INNER} like every $ of a
// value, back into an interpolation.
func interpolate(data []byte, inners []string) []byte {
	for _, n := range inners {
		data = bytes.ReplaceAll(data, []byte("$${"+n+"}"), []byte("${"+n+"}"))
	}
	return data
}

var (
	// composeVarName is what Compose accepts inside ${...}.
	composeVarName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	notVarChar     = regexp.MustCompile(`[^A-Za-z0-9_]`)
)

// interpolation returns what an exported file writes for a sensitive env
// value, what goes inside each ${...} of it, and notes on defaults not
// carried: the value as the spec writes it, each sensitive variable in it
// a ${BERTH_VAR_<variable>} ("pg://app:${BERTH_VAR_db_password}@db"), when
// the spec writes it as text and variables alone; else
// ${BERTH_VAR_<variable>} when the value is a sensitive variable's, else
// ${BERTH_ENV_<SERVICE>_<KEY>}. A variable's default is carried
// (sensitiveRef).
func interpolation(spec *lang.Spec, svc *lang.Service, key string) (string, []string, []string) {
	if val, inners, notes := interpolationOfParts(spec, svc.EnvParts[key], svc.Env[key]); inners != nil {
		return val, inners, notes
	}
	for _, name := range slices.Sorted(maps.Keys(spec.Variables)) {
		if v, ok := stringVar(spec, name); ok && v == svc.Env[key] && spec.Variables[name].Sensitive && composeVarName.MatchString(lang.EnvVarPrefix+name) {
			inner, why := sensitiveRef(spec, name)
			return "${" + inner + "}", []string{inner}, notCarriedNote(name, why)
		}
	}
	clean := func(s string) string { return strings.ToUpper(notVarChar.ReplaceAllString(s, "_")) }
	name := "BERTH_ENV_" + clean(svc.Name) + "_" + clean(key)
	return "${" + name + "}", []string{name}, nil
}

// notCarriedNote is the warning's note on the default of the variable
// name that is not carried, when why says it is not.
func notCarriedNote(name, why string) []string {
	if why == "" {
		return nil
	}
	return []string{" (the default of var." + name + " is not carried: " + why + ")"}
}

// interpolationOfParts writes parts (the spec's text and variables) with
// each sensitive variable as ${BERTH_VAR_<variable>} (with its default,
// when it can be carried) and the others as their values, when they make
// value; else it returns no inners.
func interpolationOfParts(spec *lang.Spec, parts []lang.EnvPart, value string) (string, []string, []string) {
	var val, check strings.Builder
	var inners, notes []string
	for _, p := range parts {
		if p.Var == "" {
			val.WriteString(p.Lit)
			check.WriteString(p.Lit)
			continue
		}
		v, ok := stringVar(spec, p.Var)
		if !ok {
			return "", nil, nil
		}
		check.WriteString(v)
		if !spec.Variables[p.Var].Sensitive {
			val.WriteString(v)
			continue
		}
		if !composeVarName.MatchString(lang.EnvVarPrefix + p.Var) {
			return "", nil, nil
		}
		inner, why := sensitiveRef(spec, p.Var)
		val.WriteString("${" + inner + "}")
		if !slices.Contains(inners, inner) {
			inners = append(inners, inner)
			notes = append(notes, notCarriedNote(p.Var, why)...)
		}
	}
	if check.String() != value {
		return "", nil, nil
	}
	return val.String(), inners, notes
}

// stringVar returns the value of the variable name when it is a known
// string.
func stringVar(spec *lang.Spec, name string) (string, bool) {
	v := spec.Variables[name]
	if v == nil || v.Value == cty.NilVal || v.Value.Type() != cty.String || !v.Value.IsKnown() || v.Value.IsNull() {
		return "", false
	}
	return v.Value.AsString(), true
}

// nothingToExport is the error of a spec without services, as berth
// simulate says "Nothing to simulate". The file would run nothing, and
// docker-compose (1.x) reads `services: {}` without a version as a
// service named "services": 'Service services has neither an image nor
// a build context specified'.
func nothingToExport(spec *lang.Spec) *hcl.Diagnostic {
	d := &hcl.Diagnostic{Severity: hcl.DiagError, Summary: "Nothing to export",
		Detail: "The spec declares no service, so a Compose file of it would run nothing (and docker-compose reads `services: {}` as a service named \"services\"). Add a service block, for example: service \"web\" { image = \"nginx:1.27\" }."}
	if spec.DeclRange.Filename != "" {
		r := spec.DeclRange
		d.Subject = &r
	}
	return d
}
