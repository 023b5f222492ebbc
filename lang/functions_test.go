package lang

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
)

// evalFn evaluates expression src with the function table of a spec in
// dir "spec" of fsys.
func evalFn(t *testing.T, fsys fstest.MapFS, src string) (cty.Value, hcl.Diagnostics) {
	t.Helper()
	expr, diags := hclsyntax.ParseExpression([]byte(src), "test.hcl", hcl.InitialPos)
	if diags.HasErrors() {
		t.Fatalf("%s: %s", src, diags.Error())
	}
	return expr.Value(funcsOnly(functions("spec", fsys)))
}

func TestFunctionTable(t *testing.T) {
	fsys := fstest.MapFS{
		"spec/main.berth.hcl":      {Data: []byte("")},
		"spec/conf/app.tmpl":       {Data: []byte("name=${name} replicas=${n * 2}%{ for z in zones } ${upper(z)}%{ endfor }")},
		"spec/conf/value.tmpl":     {Data: []byte("${n}")},
		"spec/conf/missing.tmpl":   {Data: []byte("${nope}")},
		"spec/conf/broken.tmpl":    {Data: []byte("${")},
		"spec/conf/dir/.keep":      {Data: []byte("")},
		"spec/conf/plain.txt":      {Data: []byte("hello")},
		"spec/conf/nested.tmpl":    {Data: []byte(`${templatefile("conf/value.tmpl", {n = 1})}`)},
		"spec/conf/trusted.tmpl":   {Data: []byte(`${sha1(s)}`)},
		"spec/conf/unicode.tmpl":   {Data: []byte("héllo ${name}")},
		"spec/conf/escaped.tmpl":   {Data: []byte("$${literal}")},
		"spec/conf/condition.tmpl": {Data: []byte(`%{ if on }yes%{ else }no%{ endif }`)},
	}
	tests := []struct {
		expr    string
		want    cty.Value
		wantErr string
	}{
		{`sum([1, 2, 3.5])`, cty.NumberFloatVal(6.5), ""},
		{`sum(toset([2, 3]))`, cty.NumberIntVal(5), ""},
		{`sum([])`, cty.NilVal, "empty list"},
		{`sum(["a"])`, cty.NilVal, "not a number"},
		{`sum(3)`, cty.NilVal, "list, set or tuple"},
		{`one([])`, cty.NullVal(cty.DynamicPseudoType), ""},
		{`one(tolist([]))`, cty.NullVal(cty.DynamicPseudoType), ""},
		{`one(["x"])`, cty.StringVal("x"), ""},
		{`one(["x", "y"])`, cty.NilVal, "zero or one elements, not 2"},
		{`alltrue([true, true])`, cty.True, ""},
		{`alltrue([])`, cty.True, ""},
		{`alltrue([true, false])`, cty.False, ""},
		{`anytrue([false, true])`, cty.True, ""},
		{`anytrue([])`, cty.False, ""},
		{`anytrue([false])`, cty.False, ""},
		{`index(["a", "b", "c"], "b")`, cty.NumberIntVal(1), ""},
		{`index(["a"], "z")`, cty.NilVal, "item not found"},
		{`index({a = 1}, 1)`, cty.NilVal, "list or tuple"},
		{`startswith("orders-eu", "orders")`, cty.True, ""},
		{`startswith("orders-eu", "eu")`, cty.False, ""},
		{`endswith("orders-eu", "-eu")`, cty.True, ""},
		{`endswith("orders-eu", "orders")`, cty.False, ""},
		{`base64encode("berth")`, cty.StringVal("YmVydGg="), ""},
		{`base64decode("YmVydGg=")`, cty.StringVal("berth"), ""},
		{`base64decode("not base64!")`, cty.NilVal, "not valid base64"},
		{`base64decode("/w==")`, cty.NilVal, "not UTF-8"},
		{`md5("berth")`, cty.StringVal("42bb2b8167a2d2f40010fb05102b5fe8"), ""},
		{`sha1("berth")`, cty.StringVal("7dee542acf79342fa7e39e5354958b36d4d0e960"), ""},
		{`sha256("berth")`, cty.StringVal("5c2f64c7f21efd5fb5e3d6a499abe5eacb248ae6f6f0085387c9a056d10ef5fd"), ""},
		{`basename("conf/app.tmpl")`, cty.StringVal("app.tmpl"), ""},
		{`dirname("conf/app.tmpl")`, cty.StringVal("conf"), ""},
		{`abspath("conf/../conf/app.tmpl")`, cty.StringVal("/spec/conf/app.tmpl"), ""},
		{`fileexists("conf/plain.txt")`, cty.True, ""},
		{`fileexists("conf/nope.txt")`, cty.False, ""},
		{`fileexists("conf/dir")`, cty.False, ""},
		{`file("conf/plain.txt")`, cty.StringVal("hello"), ""},
		{`templatefile("conf/app.tmpl", { name = "api", n = 2, zones = ["eu", "us"] })`, cty.StringVal("name=api replicas=4 EU US"), ""},
		{`templatefile("conf/value.tmpl", { n = 3 })`, cty.NumberIntVal(3), ""},
		{`templatefile("conf/unicode.tmpl", { name = "x" })`, cty.StringVal("héllo x"), ""},
		{`templatefile("conf/escaped.tmpl", {})`, cty.StringVal("${literal}"), ""},
		{`templatefile("conf/condition.tmpl", { on = false })`, cty.StringVal("no"), ""},
		{`templatefile("conf/trusted.tmpl", { s = "berth" })`, cty.StringVal("7dee542acf79342fa7e39e5354958b36d4d0e960"), ""},
		{`templatefile("conf/missing.tmpl", { n = 1 })`, cty.NilVal, `uses nope at line 1, which vars does not set; vars sets: "n"`},
		{`templatefile("conf/broken.tmpl", {})`, cty.NilVal, "template conf/broken.tmpl"},
		{`templatefile("conf/value.tmpl", "n")`, cty.NilVal, "must be a map or an object"},
		{`templatefile("conf/nope.tmpl", {})`, cty.NilVal, "cannot read conf/nope.tmpl"},
		{`templatefile("conf/nested.tmpl", {})`, cty.NilVal, `no function named "templatefile"`},
		{`length("héllo")`, cty.NumberIntVal(5), ""},
		{`length({ a = 1, b = "x" })`, cty.NumberIntVal(2), ""},
		{`length(["a", 1, true])`, cty.NumberIntVal(3), ""},
		{`length(toset(["a", "b", "a"]))`, cty.NumberIntVal(2), ""},
		{`length(tomap({ a = 1 }))`, cty.NumberIntVal(1), ""},
		{`length(3)`, cty.NilVal, "string, a list, set, map, tuple or object"},
		{`replace("a.b.c", ".", "-")`, cty.StringVal("a-b-c"), ""},
		{`replace("orders-v12", "/-v([0-9]+)$/", "@$1")`, cty.StringVal("orders@12"), ""},
		{`replace("a/b", "/", "-")`, cty.StringVal("a-b"), ""},
		{`coalesce(null, 1)`, cty.NumberIntVal(1), ""},
		{`coalesce(null, "", "b")`, cty.StringVal("b"), ""},
		{`strcontains("orders-eu", "rs-e")`, cty.True, ""},
		{`strcontains("orders-eu", "us")`, cty.False, ""},
		{`urlencode("a b&c")`, cty.StringVal("a+b%26c"), ""},
		{`sha512("x")`, cty.StringVal("a4abd4448c49562d828115d13a1fccea927f52b4d5459297f8b43e42da89238bc13626e43dcb38ddb082488927ec904fb42057443983e88585179d50551afe62"), ""},
		{`try(tonumber("x"), 7)`, cty.NumberIntVal(7), ""},
		{`can(tonumber("x"))`, cty.False, ""},
		{`can(tonumber("1"))`, cty.True, ""},
	}
	for _, tt := range tests {
		got, diags := evalFn(t, fsys, tt.expr)
		if tt.wantErr != "" {
			if !diags.HasErrors() || !strings.Contains(diags.Error(), tt.wantErr) {
				t.Errorf("%s = %#v, %v; want an error containing %q", tt.expr, got, diags, tt.wantErr)
			}
			continue
		}
		if diags.HasErrors() {
			t.Errorf("%s: %s", tt.expr, diags.Error())
			continue
		}
		if !got.RawEquals(tt.want) && !(got.IsKnown() && tt.want.IsKnown() && !got.IsNull() && !tt.want.IsNull() && got.Type() == tt.want.Type() && got.Equals(tt.want).True()) {
			t.Errorf("%s = %#v, want %#v", tt.expr, got, tt.want)
		}
	}
}

// TestPathFunctionsOS: without Options.FS, abspath is absolute on the
// operating system and relative paths resolve against the spec directory,
// not the working directory.
func TestPathFunctionsOS(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "motd.tmpl"), []byte("hi ${who}"), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx := funcsOnly(functions(dir, nil))
	for src, want := range map[string]cty.Value{
		`abspath("motd.tmpl")`:                       cty.StringVal(filepath.ToSlash(filepath.Join(dir, "motd.tmpl"))),
		`fileexists("motd.tmpl")`:                    cty.True,
		`templatefile("motd.tmpl", { who = "you" })`: cty.StringVal("hi you"),
	} {
		expr, _ := hclsyntax.ParseExpression([]byte(src), "t.hcl", hcl.InitialPos)
		got, diags := expr.Value(ctx)
		if diags.HasErrors() || !got.RawEquals(want) {
			t.Errorf("%s = %#v, %v; want %#v", src, got, diags, want)
		}
	}
}

// TestFunctionsDocumented: every function of the table is listed in the
// functions part of docs/language.md.
func TestFunctionsDocumented(t *testing.T) {
	doc, err := os.ReadFile("../docs/language.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	start := strings.Index(text, "- **functions**")
	end := strings.Index(text, "\n## berth")
	if start < 0 || end < start {
		t.Fatal("docs/language.md has no functions list before ## berth")
	}
	section := text[start:end]
	for name := range functions(".", nil) {
		if !strings.Contains(section, "`"+name+"`") && !strings.Contains(section, "`"+name+"(") {
			t.Errorf("function %s is not listed in docs/language.md", name)
		}
	}
}
