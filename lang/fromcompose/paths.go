package fromcompose

import (
	"path/filepath"
	"strings"
)

// rel writes a path from compose-go (absolute: it resolves every path)
// for the berth source: relative to the output directory when it is a
// file of the project, as the Compose file wrote it (./conf/nginx.conf,
// ../shared), and absolute when it is the host's own (/var/run/docker.sock,
// /etc/localtime), which must not depend on where the spec is written or
// moved. Slash-separated, as berth source is portable.
func (c *converter) rel(path string) string {
	if filepath.IsAbs(path) && !nearProject(c.p.WorkingDir, path) {
		return filepath.ToSlash(path)
	}
	return relTo(c.dir, path)
}

// nearProject tells whether the absolute path is in the project's
// directory wd or shares at least two leading directories with it
// (/home/u/proj and /home/u/shared): what a Compose file reaches with a
// relative path. A path that shares only the root or one directory with
// it (/var/run/docker.sock, /tmp/.X11-unix for a project in /tmp/app)
// is the host's.
func nearProject(wd, path string) bool {
	if wd == "" {
		return true
	}
	if abs, err := filepath.Abs(wd); err == nil {
		wd = abs
	}
	if r, err := filepath.Rel(wd, path); err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator)) {
		return true
	}
	a, b := parts(wd), parts(path)
	return len(a) >= 2 && len(b) >= 2 && a[0] == b[0] && a[1] == b[1]
}

func parts(p string) []string {
	return strings.Split(strings.Trim(filepath.ToSlash(filepath.Clean(p)), "/"), "/")
}

func relTo(dir, path string) string {
	if !filepath.IsAbs(path) {
		return filepath.ToSlash(path)
	}
	absDir, err := filepath.Abs(dir)
	if err != nil {
		return filepath.ToSlash(path)
	}
	r, err := filepath.Rel(absDir, path)
	if err != nil {
		return filepath.ToSlash(path)
	}
	return filepath.ToSlash(r)
}

func relAll(dir string, paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			abs = p
		}
		out[i] = relTo(dir, abs)
	}
	return out
}
