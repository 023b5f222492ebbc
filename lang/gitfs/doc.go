// Package gitfs reads the files of one git revision as an fs.FS, straight
// from the object database, with no checkout and no change to the work
// tree or the index. `berth diff main HEAD -C examples/shop` loads both
// sides through it: lang.Loader.Load(dir, lang.Options{FS: fsys}).
//
// It shells out to the git command: `git rev-parse` resolves the
// revision, one `git ls-tree -r` lists the tree (blob names, modes, sizes
// and ids), and `git cat-file blob` reads a file's content the first time
// it is opened. Paths in the FS are relative to the repository's top
// level, slash-separated, as fs.FS requires.
package gitfs
