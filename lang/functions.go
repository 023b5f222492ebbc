package lang

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"path/filepath"

	"github.com/hashicorp/go-cty-funcs/crypto"
	"github.com/hashicorp/go-cty-funcs/encoding"
	"github.com/hashicorp/go-cty-funcs/filesystem"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/ext/tryfunc"
	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// functions returns the function table of a spec in dir: the cty standard
// library under terraform's names, terraform's functions that cty lacks
// (from go-cty-funcs where it has them, or functions_*.go), hcl's try and
// can, and the functions that read the spec directory.
func functions(dir string, fsys fs.FS) map[string]function.Function {
	fns := map[string]function.Function{
		"abs": stdlib.AbsoluteFunc, "ceil": stdlib.CeilFunc, "floor": stdlib.FloorFunc,
		"log": stdlib.LogFunc, "max": stdlib.MaxFunc, "min": stdlib.MinFunc,
		"parseint": stdlib.ParseIntFunc, "pow": stdlib.PowFunc, "signum": stdlib.SignumFunc,
		"chomp": stdlib.ChompFunc, "format": stdlib.FormatFunc, "formatlist": stdlib.FormatListFunc,
		"indent": stdlib.IndentFunc, "join": stdlib.JoinFunc, "lower": stdlib.LowerFunc,
		"upper": stdlib.UpperFunc, "replace": replaceFunc, "regex": stdlib.RegexFunc,
		"regexall": stdlib.RegexAllFunc, "regex_replace": stdlib.RegexReplaceFunc,
		"split": stdlib.SplitFunc, "strrev": stdlib.ReverseFunc, "substr": stdlib.SubstrFunc,
		"title": stdlib.TitleFunc, "trim": stdlib.TrimFunc, "trimprefix": stdlib.TrimPrefixFunc,
		"trimsuffix": stdlib.TrimSuffixFunc, "trimspace": stdlib.TrimSpaceFunc,
		"strlen": stdlib.StrlenFunc, "sort": stdlib.SortFunc,
		"chunklist": stdlib.ChunklistFunc, "coalesce": coalesceFunc,
		"coalescelist": stdlib.CoalesceListFunc, "compact": stdlib.CompactFunc,
		"concat": stdlib.ConcatFunc, "contains": stdlib.ContainsFunc, "distinct": stdlib.DistinctFunc,
		"element": stdlib.ElementFunc, "flatten": stdlib.FlattenFunc, "index": indexFunc,
		"keys": stdlib.KeysFunc, "length": lengthFunc, "lookup": stdlib.LookupFunc,
		"merge": stdlib.MergeFunc, "range": stdlib.RangeFunc, "reverse": stdlib.ReverseListFunc,
		"setintersection": stdlib.SetIntersectionFunc, "setproduct": setProductFunc,
		"setsubtract": stdlib.SetSubtractFunc, "setunion": stdlib.SetUnionFunc,
		"slice": stdlib.SliceFunc, "values": stdlib.ValuesFunc, "zipmap": stdlib.ZipmapFunc,
		"jsonencode": stdlib.JSONEncodeFunc, "jsondecode": stdlib.JSONDecodeFunc,
		"csvdecode": stdlib.CSVDecodeFunc, "formatdate": stdlib.FormatDateFunc,
		"timeadd":  stdlib.TimeAddFunc,
		"tostring": stdlib.MakeToFunc(cty.String), "tonumber": stdlib.MakeToFunc(cty.Number),
		"tobool": stdlib.MakeToFunc(cty.Bool), "tolist": stdlib.MakeToFunc(cty.List(cty.DynamicPseudoType)),
		"toset": stdlib.MakeToFunc(cty.Set(cty.DynamicPseudoType)), "tomap": stdlib.MakeToFunc(cty.Map(cty.DynamicPseudoType)),
		"try": tryfunc.TryFunc, "can": tryfunc.CanFunc,
		"sum": sumFunc, "one": oneFunc, "alltrue": allTrueFunc, "anytrue": anyTrueFunc,
		"startswith": startsWithFunc, "endswith": endsWithFunc, "strcontains": strContainsFunc,
		"base64encode": encoding.Base64EncodeFunc, "base64decode": base64DecodeFunc,
		"md5": crypto.Md5Func, "sha1": crypto.Sha1Func, "sha256": crypto.Sha256Func,
		"sha512": crypto.Sha512Func, "urlencode": encoding.URLEncodeFunc,
		"basename": filesystem.BasenameFunc, "dirname": filesystem.DirnameFunc,
		"file": fileFunc(dir, fsys), "abspath": abspathFunc(dir, fsys), "fileexists": fileExistsFunc(dir, fsys),
	}
	inner := make(map[string]function.Function, len(fns)) // a template cannot render templates
	for k, f := range fns {
		inner[k] = f
	}
	fns["templatefile"] = templateFileFunc(dir, fsys, inner)
	return fns
}

// maxReadFile bounds what file() reads.
const maxReadFile = 4 << 20

// fileFunc returns file(path): the content of a UTF-8 file, relative to the
// spec directory and read through fsys when it is set.
func fileFunc(dir string, fsys fs.FS) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			src, err := readSpecRelative(dir, fsys, args[0].AsString(), maxReadFile)
			if err != nil {
				return cty.NilVal, err
			}
			if !utf8Valid(src) {
				return cty.NilVal, fmt.Errorf("%s is not UTF-8 text", args[0].AsString())
			}
			return cty.StringVal(string(src)), nil
		},
	})
}

// resolvePath resolves p against the spec directory (absolute paths stay).
func resolvePath(dir string, fsys fs.FS, p string) string {
	if fsys != nil {
		return path.Join(filepath.ToSlash(dir), filepath.ToSlash(p))
	}
	if filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(dir, p)
}

// readSpecRelative reads a file relative to the spec directory.
func readSpecRelative(dir string, fsys fs.FS, p string, limit int64) ([]byte, error) {
	full := resolvePath(dir, fsys, p)
	open := openOS
	if fsys != nil {
		open = func(n string) (io.ReadCloser, error) { return fsys.Open(n) }
	}
	f, err := open(full)
	if err != nil {
		return nil, readError(p, dir, err)
	}
	defer f.Close()
	src, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %w", p, err)
	}
	if int64(len(src)) > limit {
		return nil, fmt.Errorf("%s is larger than %d MiB", p, limit>>20)
	}
	return src, nil
}

// readError says why a file could not be opened, in words and without
// Go's "open PATH:" prefix: a missing file is named with the directory
// paths are taken from.
func readError(p, dir string, err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("cannot read %s: it does not exist (paths are relative to the spec directory %s)", p, dir)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return fmt.Errorf("cannot read %s: %w", p, err)
}

// fileExists reports whether p (relative to the spec directory) is a
// readable regular file.
func fileExists(dir string, fsys fs.FS, p string) bool {
	full := resolvePath(dir, fsys, p)
	var st fs.FileInfo
	var err error
	if fsys != nil {
		st, err = fs.Stat(fsys, full)
	} else {
		st, err = statOS(full)
	}
	return err == nil && !st.IsDir()
}

// funcsOnly returns a context with functions and no variables.
func funcsOnly(fns map[string]function.Function) *hcl.EvalContext {
	return &hcl.EvalContext{Functions: fns}
}
