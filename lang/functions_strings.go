package lang

import (
	"encoding/base64"
	"errors"
	"strings"
	"unicode/utf8"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// startsWithFunc, endsWithFunc and strContainsFunc are terraform's
// startswith, endswith and strcontains.
var (
	startsWithFunc  = stringTest("prefix", strings.HasPrefix)
	endsWithFunc    = stringTest("suffix", strings.HasSuffix)
	strContainsFunc = stringTest("substr", strings.Contains)
)

func stringTest(what string, test func(s, affix string) bool) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "string", Type: cty.String}, {Name: what, Type: cty.String}},
		Type:   function.StaticReturnType(cty.Bool),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			return cty.BoolVal(test(args[0].AsString(), args[1].AsString())), nil
		},
	})
}

// base64DecodeFunc is terraform's base64decode: the UTF-8 text of standard
// base64. (go-cty-funcs has one too, but it writes the decoded text to the
// standard logger when it is not UTF-8, which could print a secret.)
var base64DecodeFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "str", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		b, err := base64.StdEncoding.DecodeString(args[0].AsString())
		if err != nil {
			return cty.NilVal, errors.New("the string is not valid base64")
		}
		if !utf8.Valid(b) {
			return cty.NilVal, errors.New("the decoded bytes are not UTF-8 text")
		}
		return cty.StringVal(string(b)), nil
	},
})

// replaceFunc is terraform's replace: a search string wrapped in slashes
// ("/[0-9]+/") is a regular expression, whose replacement may name its
// groups ($1); any other is replaced literally (cty's own replace has no
// regular expressions, so replace("a1", "/[0-9]/", "") changed nothing).
var replaceFunc = function.New(&function.Spec{
	Params: []function.Parameter{{Name: "string", Type: cty.String}, {Name: "search", Type: cty.String}, {Name: "replace", Type: cty.String}},
	Type:   function.StaticReturnType(cty.String),
	Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
		search := args[1].AsString()
		if len(search) > 1 && strings.HasPrefix(search, "/") && strings.HasSuffix(search, "/") {
			return stdlib.RegexReplace(args[0], cty.StringVal(search[1:len(search)-1]), args[2])
		}
		return stdlib.Replace(args[0], args[1], args[2])
	},
})
