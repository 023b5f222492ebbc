package lang

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// Guards against inputs that would exhaust memory or the stack.
const (
	maxFileSize = 8 << 20 // bytes per spec file
	maxNesting  = 256     // brackets and braces open at once
)

// SpecSuffix is the file name suffix of spec files.
const SpecSuffix = ".berth.hcl"

// specFile is one spec file read from disk (or the Options.FS).
type specFile struct {
	name string // as used in ranges: the directory joined with the base name
	src  []byte
}

// readSpecFiles reads every *.berth.hcl file of dir, sorted by name.
func readSpecFiles(dir string, fsys fs.FS) ([]specFile, hcl.Diagnostics) {
	entries, join, open, err := listDir(dir, fsys)
	if err != nil {
		return nil, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Cannot read the spec directory",
			Detail:   fmt.Sprintf("berth could not list %s: %v. Pass a directory that holds *.berth.hcl files.", dir, err),
		}}
	}
	var files []specFile
	var diags hcl.Diagnostics
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), SpecSuffix) {
			continue
		}
		name := join(dir, e.Name())
		src, err := readLimited(open, name)
		if err != nil {
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Cannot read a spec file",
				Detail:   fmt.Sprintf("berth could not read %s: %v.", name, err),
				Subject:  &hcl.Range{Filename: name, Start: hcl.InitialPos, End: hcl.InitialPos},
			})
			continue
		}
		files = append(files, specFile{name: name, src: src})
	}
	if len(files) == 0 && !diags.HasErrors() {
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "No spec files",
			Detail:   fmt.Sprintf("The directory %s holds no *%s files. Write the spec in a file such as %s, or pass the directory that holds it.%s", dir, SpecSuffix, join(dir, "main"+SpecSuffix), nearSpecFiles(entries)+misnamedSpecFiles(entries)+specSubdirs(dir, fsys, entries, join)),
		})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].name < files[j].name })
	return files, diags
}

// nearSpecFiles names what in a directory without spec files looks like
// one: a *.hcl file berth does not read (rename it), or a directory whose
// name ends in .berth.hcl.
func nearSpecFiles(entries []fs.DirEntry) string {
	var hcls, dirs []string
	for _, e := range entries {
		switch name := e.Name(); {
		case e.IsDir() && strings.HasSuffix(name, SpecSuffix):
			dirs = append(dirs, name)
		case !e.IsDir() && (strings.HasSuffix(name, ".hcl") || strings.HasSuffix(name, ".tf")):
			hcls = append(hcls, name)
		}
	}
	var out string
	if len(hcls) > 0 {
		out += fmt.Sprintf(" berth reads only files named *%s, so it skipped %s: rename %s to %s.", SpecSuffix,
			joinQuoted(hcls), hcls[0], strings.TrimSuffix(strings.TrimSuffix(hcls[0], ".hcl"), ".tf")+SpecSuffix)
	}
	if len(dirs) > 0 {
		out += fmt.Sprintf(" %s is a directory, not a spec file.", joinQuoted(dirs))
	}
	return out
}

// listDir lists dir through fsys (nil = the OS) and returns how to join
// and open names there.
func listDir(dir string, fsys fs.FS) ([]fs.DirEntry, func(...string) string, func(string) (io.ReadCloser, error), error) {
	if fsys == nil {
		entries, err := os.ReadDir(dir)
		return entries, filepath.Join, func(n string) (io.ReadCloser, error) { return os.Open(n) }, err
	}
	d := path.Clean(filepath.ToSlash(dir))
	if d == "" {
		d = "."
	}
	entries, err := fs.ReadDir(fsys, d)
	return entries, path.Join, func(n string) (io.ReadCloser, error) { return fsys.Open(n) }, err
}

// readLimited reads a file of at most maxFileSize bytes.
func readLimited(open func(string) (io.ReadCloser, error), name string) ([]byte, error) {
	f, err := open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var buf bytes.Buffer
	if st, ok := f.(interface{ Stat() (fs.FileInfo, error) }); ok {
		if fi, err := st.Stat(); err == nil && fi.Size() > 0 && fi.Size() <= maxFileSize {
			buf.Grow(int(fi.Size()) + bytes.MinRead) // room to see the end of the file
		}
	}
	if _, err := buf.ReadFrom(io.LimitReader(f, maxFileSize+1)); err != nil {
		return nil, err
	}
	src := buf.Bytes()
	if len(src) > maxFileSize {
		return nil, fmt.Errorf("the file is larger than %d MiB; split the spec into smaller files", maxFileSize>>20)
	}
	return src, nil
}

// parseSpecFile parses one file, refusing nesting deep enough to threaten
// the parser's stack.
func parseSpecFile(f specFile) (*hcl.File, hcl.Diagnostics) {
	if pos, ok := nestingTooDeep(f.src); !ok {
		return nil, hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  "Nesting too deep",
			Detail:   fmt.Sprintf("More than %d brackets or braces are open at once here. Flatten the expression or the blocks.", maxNesting),
			Subject:  &hcl.Range{Filename: f.name, Start: pos, End: pos},
		}}
	}
	if diags := expressionGuard(f.src, f.name); diags.HasErrors() {
		return nil, diags
	}
	if file, ok := parseChunked(f.src, f.name); ok {
		return file, nil
	}
	file, diags := hclsyntax.ParseConfig(f.src, f.name, hcl.InitialPos)
	if diags.HasErrors() {
		if file2, diags2, ok := parseExpanded(f); ok {
			return file2, tidySyntaxDiags(diags2, f.src)
		}
		explainOneLineBlocks(diags)
	}
	return file, tidySyntaxDiags(diags, f.src)
}

// explainOneLineBlocks adds berth's own rule to HCL's diagnostics about
// one-line blocks, which berth could not write out on several lines.
func explainOneLineBlocks(diags hcl.Diagnostics) {
	for _, d := range diags {
		if d.Summary == "Invalid single-argument block definition" {
			d.Detail += " berth also reads a one-line block of several arguments when spaces or commas separate them from each other and from the braces, as in port { published = 8080  target = 80 }; berth fmt writes such a block out on several lines."
		}
	}
}

// parseExpanded parses f again with its one-line blocks of several
// arguments written out on several lines (expandOneLineBlocks), and puts
// every position of the result back on f's own lines. ok is false when f
// has no such block.
func parseExpanded(f specFile) (*hcl.File, hcl.Diagnostics, bool) {
	src, ok := expandOneLineBlocks(f.src, f.name)
	if !ok {
		return nil, nil, false
	}
	file, diags := hclsyntax.ParseConfig(src, f.name, hcl.InitialPos)
	x := newLineIndex(f.src)
	x.repositionTree(file)
	x.repositionTree(diags)
	if file != nil {
		file.Bytes = f.src
	}
	return file, diags, true
}

// nestingTooDeep counts open brackets, braces and parentheses (strings and
// comments included, which can only over-count) and returns the position
// where more than maxNesting are open, with ok = false.
func nestingTooDeep(src []byte) (hcl.Pos, bool) {
	depth, line, col := 0, 1, 1
	for i, c := range src {
		switch c {
		case '{', '[', '(':
			depth++
			if depth > maxNesting {
				return hcl.Pos{Line: line, Column: col, Byte: i}, false
			}
		case '}', ']', ')':
			if depth > 0 {
				depth--
			}
		case '\n':
			line, col = line+1, 0
		}
		col++
	}
	return hcl.Pos{}, true
}

func openOS(name string) (io.ReadCloser, error) { return os.Open(name) }

func statOS(name string) (fs.FileInfo, error) { return os.Stat(name) }

func utf8Valid(b []byte) bool { return utf8.Valid(b) }
