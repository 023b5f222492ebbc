package gitfs

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// FS is the tree of one commit. It implements fs.FS, fs.ReadDirFS,
// fs.ReadFileFS and fs.StatFS. It is safe for concurrent use.
type FS struct {
	repo   string // a directory inside the repository (git -C)
	commit string // the resolved commit id
	files  map[string]blob
	dirs   map[string][]string // directory → sorted child names ("" is the root)

	mu    sync.Mutex
	cache map[string][]byte
}

// blob is one file of the tree.
type blob struct {
	id   string
	mode fs.FileMode
	size int64
}

// Open resolves rev (a branch, tag, commit id, HEAD~1, origin/main, ...)
// in the repository that holds dir, and returns its tree as an FS.
func Open(dir, rev string) (*FS, error) {
	commit, err := ResolveCommit(dir, rev)
	if err != nil {
		return nil, err
	}
	out, err := git(dir, "ls-tree", "-r", "-z", "-l", "--full-tree", commit)
	if err != nil {
		return nil, err
	}
	f := &FS{repo: dir, commit: commit, files: map[string]blob{}, dirs: map[string][]string{"": nil}, cache: map[string][]byte{}}
	if err := f.parseTree(out); err != nil {
		return nil, err
	}
	return f, nil
}

// Commit returns the commit id the FS reads.
func (f *FS) Commit() string { return f.commit }

// ResolveCommit returns the full commit id of rev in the repository that
// holds dir.
func ResolveCommit(dir, rev string) (string, error) {
	if strings.HasPrefix(rev, "-") {
		return "", fmt.Errorf("%q is not a git revision", rev)
	}
	out, err := git(dir, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err != nil {
		if _, _, terr := TopLevel(dir); terr != nil {
			if abs, aerr := filepath.Abs(dir); aerr == nil {
				dir = abs
			}
			return "", fmt.Errorf("%q is not a directory, and it cannot be a git revision: %s is in no git repository (run from inside one, or pass two spec directories)", rev, dir)
		}
		if r, path, ok := strings.Cut(rev, ":"); ok && r != "" && path != "" {
			return "", fmt.Errorf("%q is a path inside a revision, which berth does not read: give the revision and the spec directory apart, as in berth diff %s HEAD -C %s", rev, r, path)
		}
		return "", fmt.Errorf("%q is neither a directory nor a git revision of the repository at %s", rev, dir)
	}
	return strings.TrimSpace(string(out)), nil
}

// TopLevel returns the repository's top-level directory and the path of
// dir below it ("" at the top), slash-separated.
func TopLevel(dir string) (top, prefix string, err error) {
	out, err := git(dir, "rev-parse", "--show-toplevel", "--show-prefix")
	if err != nil {
		return "", "", fmt.Errorf("%s is not inside a git repository: %w", dir, err)
	}
	lines := strings.SplitN(strings.TrimRight(string(out), "\n"), "\n", 2)
	top = lines[0]
	if len(lines) > 1 {
		prefix = strings.TrimSuffix(lines[1], "/")
	}
	return top, prefix, nil
}

// parseTree reads `git ls-tree -r -z -l` output: "<mode> SP <type> SP
// <id> SP+ <size> TAB <path> NUL" per entry.
func (f *FS) parseTree(out []byte) error {
	for _, rec := range bytes.Split(out, []byte{0}) {
		if len(rec) == 0 {
			continue
		}
		meta, name, ok := strings.Cut(string(rec), "\t")
		fields := strings.Fields(meta)
		if !ok || len(fields) != 4 {
			return fmt.Errorf("unexpected git ls-tree line %q", rec)
		}
		if fields[1] != "blob" {
			continue // submodules (commit entries) are not files here
		}
		mode, size := fs.FileMode(0o644), int64(0)
		if fields[0] == "100755" {
			mode = 0o755
		} else if fields[0] == "120000" {
			mode = fs.ModeSymlink | 0o777
		}
		size, _ = strconv.ParseInt(fields[3], 10, 64)
		f.files[name] = blob{id: fields[2], mode: mode, size: size}
		f.addParents(name)
	}
	for d := range f.dirs {
		sort.Strings(f.dirs[d])
	}
	return nil
}

// addParents records name in its directory, and each directory in its
// parent, once.
func (f *FS) addParents(name string) {
	for {
		dir := path.Dir(name)
		if dir == "." {
			dir = ""
		}
		_, seen := f.dirs[dir]
		f.dirs[dir] = append(f.dirs[dir], path.Base(name))
		if seen || dir == "" {
			return
		}
		name = dir
	}
}

// clean validates an fs.FS name and maps "." to the root "".
func clean(op, name string) (string, error) {
	if !fs.ValidPath(name) {
		return "", &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	if name == "." {
		return "", nil
	}
	return name, nil
}

// Open opens a file or directory of the tree.
func (f *FS) Open(name string) (fs.File, error) {
	n, err := clean("open", name)
	if err != nil {
		return nil, err
	}
	if _, ok := f.dirs[n]; ok {
		entries, _ := f.ReadDir(name)
		return &dirFile{info: f.dirInfo(n), entries: entries}, nil
	}
	b, ok := f.files[n]
	if !ok {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	data, err := f.content(n, b)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	return &file{info: fileInfo{name: path.Base(n), size: b.size, mode: b.mode}, r: bytes.NewReader(data)}, nil
}

// ReadFile returns a file's content.
func (f *FS) ReadFile(name string) ([]byte, error) {
	n, err := clean("read", name)
	if err != nil {
		return nil, err
	}
	b, ok := f.files[n]
	if !ok {
		if _, isDir := f.dirs[n]; isDir {
			return nil, &fs.PathError{Op: "read", Path: name, Err: fmt.Errorf("is a directory")}
		}
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrNotExist}
	}
	data, err := f.content(n, b)
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	return bytes.Clone(data), nil
}

// Stat describes a file or directory.
func (f *FS) Stat(name string) (fs.FileInfo, error) {
	n, err := clean("stat", name)
	if err != nil {
		return nil, err
	}
	if _, ok := f.dirs[n]; ok {
		return f.dirInfo(n), nil
	}
	if b, ok := f.files[n]; ok {
		return fileInfo{name: path.Base(n), size: b.size, mode: b.mode}, nil
	}
	return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
}

// ReadDir lists a directory, sorted by name.
func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	n, err := clean("readdir", name)
	if err != nil {
		return nil, err
	}
	children, ok := f.dirs[n]
	if !ok {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	out := make([]fs.DirEntry, 0, len(children))
	for _, c := range children {
		info, _ := f.Stat(path.Join(name, c))
		out = append(out, fs.FileInfoToDirEntry(info))
	}
	return out, nil
}

func (f *FS) dirInfo(n string) fileInfo {
	base := path.Base(n)
	if n == "" {
		base = "."
	}
	return fileInfo{name: base, mode: fs.ModeDir | 0o755}
}

// content reads a blob once and caches it.
func (f *FS) content(name string, b blob) ([]byte, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if data, ok := f.cache[name]; ok {
		return data, nil
	}
	data, err := git(f.repo, "cat-file", "blob", b.id)
	if err != nil {
		return nil, err
	}
	f.cache[name] = data
	return data, nil
}

// git runs a git command in dir and returns its standard output.
func git(dir string, args ...string) ([]byte, error) {
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("git %s: %s", strings.Join(args, " "), msg)
	}
	return out, nil
}

type fileInfo struct {
	name string
	size int64
	mode fs.FileMode
}

func (i fileInfo) Name() string       { return i.name }
func (i fileInfo) Size() int64        { return i.size }
func (i fileInfo) Mode() fs.FileMode  { return i.mode }
func (i fileInfo) ModTime() time.Time { return time.Time{} }
func (i fileInfo) IsDir() bool        { return i.mode.IsDir() }
func (i fileInfo) Sys() any           { return nil }

type file struct {
	info fileInfo
	r    *bytes.Reader
}

func (f *file) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *file) Read(p []byte) (int, error) { return f.r.Read(p) }
func (f *file) Close() error               { return nil }

// Seek and ReadAt let fstest.TestFS (and io.SectionReader users) read it.
func (f *file) Seek(off int64, whence int) (int64, error) { return f.r.Seek(off, whence) }
func (f *file) ReadAt(p []byte, off int64) (int, error)   { return f.r.ReadAt(p, off) }

type dirFile struct {
	info    fileInfo
	entries []fs.DirEntry
	off     int
}

func (d *dirFile) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *dirFile) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.info.name, Err: fmt.Errorf("is a directory")}
}
func (d *dirFile) Close() error { return nil }

// ReadDir implements fs.ReadDirFile.
func (d *dirFile) ReadDir(n int) ([]fs.DirEntry, error) {
	rest := d.entries[d.off:]
	if n <= 0 {
		d.off = len(d.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	n = min(n, len(rest))
	d.off += n
	return rest[:n], nil
}
