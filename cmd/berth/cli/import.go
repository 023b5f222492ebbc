package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/spf13/cobra"

	"github.com/berth-dev/berth/internal/words"
	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/lang/fromcompose"
)

// importFile is the name `berth import -o DIR` writes in DIR.
const importFile = "compose.berth.hcl"

func newImportCmd() *cobra.Command {
	var o fromcompose.Options
	var out string
	var force bool
	var files []string
	cmd := &cobra.Command{
		Use:   "import COMPOSE_FILE [COMPOSE_FILE...]",
		Short: "Write berth source from a Compose file",
		Long: `Reads a Compose file the way 'docker compose' does (compose-go:
interpolation from the environment and .env, extends, profiles, and later
files merged over earlier ones) and writes the same project as berth
source: one service block per service, with its image, command, env,
labels, ports, mounts, networks, secrets, configs, health check, restart
policy, resources, replicas, depends_on and Swarm deploy settings, and the
networks, volumes, secrets and configs they use.

Whatever berth's language cannot carry (build, entrypoint, privileged,
cap_add, devices, external volumes and so on) is never dropped silently:
each is a warning that points at the key in the Compose file. A secret
given by value or from the environment becomes a sensitive variable.

A file named - is read from standard input, as 'docker compose -f -'
reads it: its relative paths and .env are the working directory's, and
the project is named after that directory unless the file's name: or -p
names it.

Without -o the source goes to standard output. With -o DIR, berth writes
DIR/compose.berth.hcl (or the *.berth.hcl file -o names), never over an
existing file unless --force, and then validates DIR as 'berth validate'
would. Links (timeouts, retries, circuit breakers) and capacity are not in
a Compose file: add them to simulate the system.`,
		Example: `  berth import docker-compose.yml
  berth import docker-compose.yml docker-compose.prod.yml -o infra/
  berth import -f docker-compose.yml -f docker-compose.prod.yml -o infra/   # the same, as docker compose -f
  berth import compose.yaml --profile debug -p shop -o shop/ && berth plan shop/
  generate-compose | berth import - -o infra/   # the file from standard input`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(files) > 0 {
				return nil // -f names them, as docker compose -f
			}
			return minArgs(1)(cmd, args)
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Files = append(files, args...)
			o.Environ = os.Environ()
			o.Stdin = cmd.InOrStdin() // for the file "-", as docker compose -f -
			dir, file := ".", ""
			if out != "" && out != "-" {
				dir, file = importTarget(out)
			}
			p, src, diags := fromcompose.Load(cmd.Context(), o)
			registerSources(src)
			if diags.HasErrors() {
				return reportDiags(cmd, diags)
			}
			data, vars, cdiags := fromcompose.Convert(p, src, dir)
			registerSources(src) // again: converting read the included files
			diags = append(diags, cdiags...)
			if file == "" {
				if err := reportDiags(cmd, diags); err != nil {
					return err
				}
				_, err := cmd.OutOrStdout().Write(data)
				return err
			}
			if err := writeImport(dir, file, data, force); err != nil {
				reportDiags(cmd, diags)
				return err
			}
			// The secrets' variables get a placeholder unless set: the user
			// was told to set them, and the rest must validate now.
			vals := map[string]string{}
			for _, v := range vars {
				if os.Getenv("BERTH_VAR_"+v) == "" {
					vals[v] = "placeholder"
				}
			}
			l := lang.NewLoader()
			spec, vdiags := l.Load(dir, lang.Options{Vars: vals})
			diagFiles = l.Files()
			registerSources(src)
			diags = append(diags, vdiags...)
			if !vdiags.HasErrors() {
				// what the spec's backend checks too, as validate does
				diags = append(diags, backendDiags(spec, spec.Backend)...)
			}
			if err := reportDiags(cmd, diags); err != nil {
				fmt.Fprintf(cmd.ErrOrStderr(), "Wrote %s, which does not validate yet: fix the errors above in it.\n", file)
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Wrote %s: %s. Next: berth validate %s, then berth plan %s.\n", file, words.Count(len(spec.Services), "service"), dir, dir)
			return nil
		},
	}
	outputVar(cmd.Flags(), &out, "write to DIR/"+importFile+" (or to FILE.berth.hcl) instead of standard output, and validate it")
	cmd.Flags().BoolVar(&force, "force", false, "overwrite the output file when it exists")
	cmd.Flags().StringArrayVarP(&files, "file", "f", nil, "a Compose file, as docker compose -f FILE (repeatable; the same as naming it, before the files named)")
	cmd.Flags().StringVarP(&o.Project, "project-name", "p", "", "the project's name (default: the file's name:, else its directory's)")
	cmd.Flags().StringArrayVar(&o.Profiles, "profile", nil, "activate a Compose profile (repeatable)")
	cmd.Flags().StringArrayVar(&o.EnvFiles, "env-file", nil, "read variables for interpolation from FILE instead of .env, as docker compose --env-file (repeatable, later files win)")
	return cmd
}

// importTarget splits -o into the directory to validate and the file to
// write: a *.berth.hcl path names the file, anything else a directory.
func importTarget(out string) (dir, file string) {
	if strings.HasSuffix(out, ".berth.hcl") {
		return filepath.Dir(out), out
	}
	return out, filepath.Join(out, importFile)
}

// writeImport writes data to file (making dir), refusing to replace an
// existing file unless force.
func writeImport(dir, file string, data []byte, force bool) error {
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return fmt.Errorf("-o %s is a file: give a directory (berth writes %s in it) or a file name ending in .berth.hcl", dir, importFile)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cannot make the output directory: %w", err)
	}
	flag := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if force {
		flag = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(file, flag, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("%s exists: berth import does not replace it (pass --force to overwrite, or -o another directory)", file)
	}
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// registerSources lets diagnostics about the Compose files render with
// snippets.
func registerSources(src *fromcompose.Sources) {
	if src == nil {
		return
	}
	for f, b := range src.Bytes { // the files named and those they include or extend
		diagFiles[f] = &hcl.File{Bytes: b}
	}
}
