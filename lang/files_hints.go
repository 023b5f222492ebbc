package lang

import (
	"fmt"
	"io/fs"
	"strings"
)

// misnamedSpecFiles names the files of a directory without spec files
// whose names are a spec file's, slightly off: another case
// (main.BERTH.HCL), a suffix added by an editor or a download
// (main.berth.hcl.txt), or .berth without .hcl.
func misnamedSpecFiles(entries []fs.DirEntry) string {
	var out []string
	for _, e := range entries {
		name := e.Name()
		lower := strings.ToLower(name)
		if e.IsDir() || strings.HasSuffix(name, SpecSuffix) {
			continue
		}
		var fixed string
		switch i := strings.Index(lower, SpecSuffix); {
		case i > 0:
			fixed = name[:i] + SpecSuffix
		case strings.HasSuffix(lower, ".berth"):
			fixed = name[:len(name)-len(".berth")] + SpecSuffix
		default:
			continue
		}
		out = append(out, fmt.Sprintf("rename %s to %s", name, fixed))
	}
	if len(out) == 0 {
		return ""
	}
	return fmt.Sprintf(" berth reads only files whose names end in %s, exactly: %s.", SpecSuffix, strings.Join(out, ", "))
}

// specSubdirs names the subdirectories of dir that hold spec files (the
// user passed the parent of the spec directory), at most three.
func specSubdirs(dir string, fsys fs.FS, entries []fs.DirEntry, join func(...string) string) string {
	var found []string
	for _, e := range entries {
		if !e.IsDir() || strings.HasSuffix(e.Name(), SpecSuffix) || len(found) == 3 {
			continue
		}
		sub, _, _, err := listDir(join(dir, e.Name()), fsys)
		if err != nil {
			continue
		}
		for _, s := range sub {
			if !s.IsDir() && strings.HasSuffix(s.Name(), SpecSuffix) {
				found = append(found, join(dir, e.Name()))
				break
			}
		}
	}
	switch len(found) {
	case 0:
		return ""
	case 1:
		return fmt.Sprintf(" Its subdirectory %s holds spec files: pass that directory.", found[0])
	}
	return fmt.Sprintf(" Its subdirectories %s hold spec files: pass one of them.", joinQuoted(found))
}
