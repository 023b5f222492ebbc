package compose

import (
	"path/filepath"
	"strings"
)

// exportPath writes the absolute host path p (a bind source, a secret's
// or config's file) for a Compose file whose project directory is dir,
// against which Compose resolves a relative path: relative to dir
// ("./data", "../shared/app.conf") when p is a file of the project, in
// dir or sharing at least two leading directories with it (as berth
// import tells a project's file from the host's), so that the file works
// in any checkout; absolute when p is the host's (/var/run/docker.sock,
// /etc/localtime), or when dir is "" (no directory: every path absolute).
func exportPath(dir, p string) string {
	if dir == "" || !filepath.IsAbs(p) || !filepath.IsAbs(dir) || !projectFile(dir, p) {
		return p
	}
	r, err := filepath.Rel(dir, p)
	if err != nil {
		return p
	}
	r = filepath.ToSlash(r)
	if r != "." && r != ".." && !strings.HasPrefix(r, "../") {
		r = "./" + r // Compose reads a bare name as a named volume
	}
	return r
}

// projectFile tells whether the absolute path p is in dir or shares at
// least two leading directories with it (/home/u/proj and /home/u/shared);
// a path that shares only the root or one directory (/var/run/docker.sock
// for a project in /var/lib/app) is the host's.
func projectFile(dir, p string) bool {
	if r, err := filepath.Rel(dir, p); err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return true
	}
	split := func(s string) []string {
		return strings.Split(strings.Trim(filepath.ToSlash(filepath.Clean(s)), "/"), "/")
	}
	a, b := split(dir), split(p)
	return len(a) >= 2 && len(b) >= 2 && a[0] == b[0] && a[1] == b[1]
}

// exportMount writes a "bind:<path>:<target>[:ro]" mount for the short
// volume syntax, its path as exportPath writes it, and a volume as
// "<name>:<target>[:ro]".
func exportMount(dir, m string) string {
	_, rest, _ := strings.Cut(m, ":")
	if src, ok := bindSource(m); ok {
		return exportPath(dir, src) + rest[len(src):]
	}
	return rest
}
