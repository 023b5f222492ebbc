package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/pmezard/go-difflib/difflib"
	"github.com/spf13/cobra"

	"github.com/berth-dev/berth/lang"
)

// specSuffix is the name ending of the files berth loads and formats.
const specSuffix = ".berth.hcl"

// exitUnformatted is the exit code of `berth fmt --check` when a file is
// not formatted: 3, as terraform fmt -check.
const exitUnformatted = 3

// fmtOptions are the flags of `berth fmt`.
type fmtOptions struct {
	check     bool
	diff      bool
	write     bool
	list      bool
	recursive bool
}

func newFmtCmd() *cobra.Command {
	o := &fmtOptions{}
	cmd := &cobra.Command{
		Use:   "fmt [DIR|FILE...]",
		Args:  cobra.ArbitraryArgs, // any number of directories and files, "-" for stdin
		Short: "Rewrite *.berth.hcl files in the canonical format",
		Long: `Rewrites the *.berth.hcl files of each directory (the working directory by
default), or the files named, in berth's canonical format: HCL's, as
hclwrite writes it (aligned equals signs, two-space indentation). Comments
and the order of blocks and attributes are kept. Running it twice changes
nothing the second time.

It lists the files it changed. With --check it writes nothing and exits 3
when any file is not formatted (like terraform fmt -check), so CI can gate
on it; --diff shows the changes as a unified diff. A file that does not
parse is reported with its diagnostics and makes the command exit 1.
"-" reads a spec from standard input and writes it formatted to standard
output.`,
		Example: `  berth fmt                         # format the spec in the working directory
  berth fmt examples/shop
  berth fmt --check --diff .        # CI: show what is unformatted, exit 3 if anything is
  berth fmt --recursive examples
  berth fmt - < main.berth.hcl`,
		RunE: func(cmd *cobra.Command, args []string) error { return runFmt(cmd, o, args) },
	}
	f := cmd.Flags()
	f.BoolVar(&o.check, "check", false, "write nothing; exit 3 when any file is not formatted")
	f.BoolVar(&o.diff, "diff", false, "print the changes as a unified diff")
	f.BoolVar(&o.write, "write", true, "write the formatted files back (off with --check)")
	f.BoolVar(&o.list, "list", true, "list the files whose formatting changed")
	f.BoolVar(&o.recursive, "recursive", false, "also format the spec files of subdirectories")
	return cmd
}

func runFmt(cmd *cobra.Command, o *fmtOptions, args []string) error {
	if len(args) == 0 {
		args = []string{"."}
	}
	if len(args) == 1 && args[0] == "-" {
		return fmtStdin(cmd, o)
	}
	files, err := fmtTargets(args, o.recursive)
	if err != nil {
		return err
	}
	if len(files) == 0 {
		// Nothing to format is no error (as terraform fmt), but said: a
		// CI's fmt --check on the wrong directory passed in silence.
		hint := " (--recursive also looks in subdirectories)"
		if o.recursive {
			hint = ""
		}
		fmt.Fprintf(cmd.ErrOrStderr(), "berth fmt: no *%s file in %s: nothing to format%s\n", specSuffix, strings.Join(args, ", "), hint)
		return nil
	}
	var diags hcl.Diagnostics
	changed := 0
	for _, path := range files {
		c, d, err := fmtFile(cmd.OutOrStdout(), path, o)
		if err != nil {
			return err
		}
		diags = append(diags, d...)
		if c {
			changed++
		}
	}
	if err := reportDiags(cmd, diags); err != nil {
		return err
	}
	if o.check && changed > 0 {
		return exitCode(exitUnformatted)
	}
	return nil
}

// fmtFile formats one file. It reports whether the file's formatting
// changes, after listing it, printing its diff and writing it as o asks.
func fmtFile(out io.Writer, path string, o *fmtOptions) (bool, hcl.Diagnostics, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return false, nil, readError(path, err)
	}
	formatted, diags := formatSource(src, path)
	if diags.HasErrors() || bytes.Equal(src, formatted) {
		return false, diags, nil
	}
	if o.list {
		fmt.Fprintln(out, path)
	}
	if o.diff {
		if err := writeUnifiedDiff(out, path, src, formatted); err != nil {
			return true, diags, err
		}
	}
	if o.write && !o.check {
		st, err := os.Stat(path)
		if err != nil {
			return true, diags, err
		}
		if err := writeFileAtomic(path, formatted, st.Mode().Perm()); err != nil {
			return true, diags, err
		}
	}
	return true, diags, nil
}

// fmtStdin formats standard input to standard output (or only checks it).
func fmtStdin(cmd *cobra.Command, o *fmtOptions) error {
	src, err := io.ReadAll(cmd.InOrStdin())
	if err != nil {
		return err
	}
	formatted, diags := formatSource(src, "<stdin>")
	if err := reportDiags(cmd, diags); err != nil {
		return err
	}
	changed := !bytes.Equal(src, formatted)
	switch {
	case o.diff && changed:
		if err := writeUnifiedDiff(cmd.OutOrStdout(), "<stdin>", src, formatted); err != nil {
			return err
		}
	case !o.check && !o.diff:
		if _, err := cmd.OutOrStdout().Write(formatted); err != nil {
			return err
		}
	}
	if o.check && changed {
		return exitCode(exitUnformatted)
	}
	return nil
}

// formatSource parses src (so a syntax error is reported, with its file
// kept for the snippet) and returns it formatted, a one-line block of
// several arguments written out on several lines.
func formatSource(src []byte, filename string) ([]byte, hcl.Diagnostics) {
	f, diags := lang.ParseFile(src, filename)
	if f != nil {
		diagFiles[filename] = f
	}
	if diags.HasErrors() {
		return src, diags
	}
	return hclwrite.Format(lang.ExpandOneLineBlocks(src, filename)), diags
}

// fmtTargets expands the arguments into the files to format, sorted: a
// directory gives its *.berth.hcl files (and those below it with
// recursive); a file is taken as named.
func fmtTargets(args []string, recursive bool) ([]string, error) {
	var files []string
	for _, arg := range args {
		st, err := os.Stat(arg)
		if _, lerr := os.Lstat(arg); err != nil && lerr == nil {
			return nil, readError(arg, err) // a link to nothing
		}
		if err != nil {
			return nil, fmt.Errorf("no file or directory %s", arg)
		}
		if !st.IsDir() {
			if !strings.HasSuffix(arg, ".hcl") {
				return nil, fmt.Errorf("%s is not an HCL file: berth fmt formats *%s files (and other *.hcl files named on the command line)", arg, specSuffix)
			}
			files = append(files, arg)
			continue
		}
		found, err := specFilesIn(arg, recursive)
		if err != nil {
			return nil, err
		}
		files = append(files, found...)
	}
	sort.Strings(files)
	return files, nil
}

// specFilesIn lists dir's *.berth.hcl files, skipping hidden directories.
func specFilesIn(dir string, recursive bool) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path != dir && (!recursive || strings.HasPrefix(d.Name(), ".")) {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(d.Name(), specSuffix) {
			files = append(files, path)
		}
		return nil
	})
	return files, err
}

// writeUnifiedDiff writes the change from a to b as a unified diff with
// git's a/ and b/ prefixes (an absolute path loses its leading slash
// there, as in git diff --no-index).
func writeUnifiedDiff(w io.Writer, name string, a, b []byte) error {
	name = strings.TrimLeft(filepath.ToSlash(name), "/")
	return difflib.WriteUnifiedDiff(w, difflib.UnifiedDiff{
		A:        diffLines(a),
		B:        diffLines(b),
		FromFile: "a/" + name,
		ToFile:   "b/" + name,
		Context:  3,
	})
}

// diffLines splits src into lines for the unified diff, each with its
// newline. difflib.SplitLines adds an empty last line to text that ends
// with a newline, which made every diff show a line the file does not
// have (and git apply refuse it); a last line without a newline is
// followed by diff's "\ No newline at end of file" marker instead.
func diffLines(src []byte) []string {
	lines := strings.SplitAfter(string(src), "\n")
	if lines[len(lines)-1] == "" {
		return lines[:len(lines)-1]
	}
	lines[len(lines)-1] += "\n\\ No newline at end of file\n"
	return lines
}

// writeFileAtomic replaces path with data through a temporary file in the
// same directory and a rename, so that a failed write (a full disk, an
// interrupt) leaves the old file whole, never a truncated spec.
func writeFileAtomic(path string, data []byte, perm os.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // after a successful rename, there is nothing to remove
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), perm); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// readError says which spec file fmt could not read, and why, naming a
// link's target (it said 'open dir/main.berth.hcl: no such file or
// directory' of a link to nothing, a file that is there).
func readError(path string, err error) error {
	why := err
	if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
		why = pe.Err
	}
	if target, lerr := os.Readlink(path); lerr == nil {
		return fmt.Errorf("cannot read %s, a link to %s: %v", path, target, why)
	}
	return fmt.Errorf("cannot read %s: %v", path, why)
}
