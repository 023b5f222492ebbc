package lang

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/zclconf/go-cty/cty"
	"pgregory.net/rapid"
)

// dumpTree writes every field of every node under v, one per line, with
// its path: nil and empty slices and maps differ, values print as Go.
func dumpTree(sb *strings.Builder, path string, v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			fmt.Fprintf(sb, "%s = nil\n", path)
			return
		}
		if v.Kind() == reflect.Interface {
			path += "(" + v.Elem().Type().String() + ")"
		}
		dumpTree(sb, path, v.Elem())
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(cty.Value{}) {
			fmt.Fprintf(sb, "%s = %s\n", path, v.Interface().(cty.Value).GoString())
			return
		}
		for i := range v.NumField() {
			dumpTree(sb, path+"."+v.Type().Field(i).Name, v.Field(i))
		}
	case reflect.Slice, reflect.Map:
		if v.IsNil() {
			fmt.Fprintf(sb, "%s = nil\n", path)
			return
		}
		fmt.Fprintf(sb, "%s len %d\n", path, v.Len())
		if v.Kind() == reflect.Slice {
			for i := range v.Len() {
				dumpTree(sb, fmt.Sprintf("%s[%d]", path, i), v.Index(i))
			}
			return
		}
		keys := v.MapKeys()
		sort.Slice(keys, func(i, j int) bool { return keys[i].String() < keys[j].String() })
		for _, k := range keys {
			dumpTree(sb, fmt.Sprintf("%s[%q]", path, k.String()), v.MapIndex(k))
		}
	case reflect.String:
		fmt.Fprintf(sb, "%s = %q\n", path, v.String())
	default:
		fmt.Fprintf(sb, "%s = %v\n", path, v)
	}
}

// treeDiff returns the first line where the dumps of two trees differ.
func treeDiff(want, got any) string {
	var w, g strings.Builder
	dumpTree(&w, "", reflect.ValueOf(want))
	dumpTree(&g, "", reflect.ValueOf(got))
	wl, gl := strings.Split(w.String(), "\n"), strings.Split(g.String(), "\n")
	for i := range min(len(wl), len(gl)) {
		if wl[i] != gl[i] {
			return fmt.Sprintf("hcl:  %s\nfast: %s", wl[i], gl[i])
		}
	}
	if len(wl) != len(gl) {
		return fmt.Sprintf("hcl has %d lines, fast %d", len(wl), len(gl))
	}
	return ""
}

// checkParseFast parses src both ways: when parseFast accepts it, hcl must
// parse it without a diagnostic into the same tree, with the same context
// for every offset. It reports whether parseFast accepted src.
func checkParseFast(t *testing.T, src []byte, start hcl.Pos) bool {
	t.Helper()
	fast, ok := parseFast(src, "f.berth.hcl", start)
	if !ok {
		return false
	}
	want, diags := hclsyntax.ParseConfig(src, "f.berth.hcl", start)
	if len(diags) > 0 {
		t.Fatalf("parseFast accepted what hcl reports on: %v\n%s", diags, src)
	}
	if d := treeDiff(want.Body, fast.Body); d != "" {
		t.Fatalf("syntax trees differ:\n%s\nsource:\n%s", d, src)
	}
	wantNav := want.Nav.(interface{ ContextString(int) string })
	for off := start.Byte; off <= start.Byte+len(src); off++ {
		if w, g := wantNav.ContextString(off), fast.Nav.(fastNav).ContextString(off); w != g {
			t.Fatalf("context at %d: hcl %q, fast %q", off, w, g)
		}
	}
	return true
}

// TestParseFastMatchesHCL parses every spec file of testdata and examples,
// and generated specs, both ways.
func TestParseFastMatchesHCL(t *testing.T) {
	accepted, files := 0, 0
	for _, root := range []string{"testdata", "../examples"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, SpecSuffix) {
				return err
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			files++
			if checkParseFast(t, src, hcl.InitialPos) {
				accepted++
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("parseFast accepted %d of %d files", accepted, files)
	src := []byte(genSpec(300, false))
	chunks := splitChunks(src)
	fast := 0
	for _, c := range chunks {
		if checkParseFast(t, c.src, c.start) {
			fast++
		}
	}
	if fast < len(chunks)-1 { // the first chunk holds a locals object
		t.Errorf("parseFast accepted %d of %d chunks of a generated spec", fast, len(chunks))
	}
}

// TestParseFastSubset generates files of the subset's pieces, valid and
// not, and parses them both ways.
func TestParseFastSubset(t *testing.T) {
	accepted, total := 0, 0
	rapid.Check(t, func(rt *rapid.T) {
		for range 30 {
			src := rapid.Custom(genFastBody(0)).Draw(rt, "src")
			line := rapid.IntRange(1, 100).Draw(rt, "line")
			start := hcl.Pos{Line: line, Column: 1, Byte: rapid.IntRange(0, 5000).Draw(rt, "byte")}
			total++
			if checkParseFast(t, []byte(src), start) {
				accepted++
			}
		}
	})
	t.Logf("parseFast accepted %d of %d generated files", accepted, total)
	if accepted < total/10 {
		t.Errorf("parseFast accepted only %d of %d generated files", accepted, total)
	}
}

// genFastBody draws a body: items, blank lines and comments, with now and
// then something outside the subset or invalid.
func genFastBody(depth int) func(*rapid.T) string {
	return func(t *rapid.T) string {
		var sb strings.Builder
		for range rapid.IntRange(0, 4).Draw(t, "items") {
			sb.WriteString(rapid.SampledFrom([]string{"", " ", "  ", "\t"}).Draw(t, "indent"))
			switch rapid.IntRange(0, 9).Draw(t, "item") {
			case 0:
				sb.WriteString("\n")
			case 1:
				sb.WriteString(rapid.SampledFrom([]string{"# c\n", "// c d\n", "#\n", "# é\n", "/* c */\n"}).Draw(t, "comment"))
			case 2, 3, 4:
				fmt.Fprintf(&sb, "%s%s=%s%s%s\n", genIdent(t), genSpace(t), genSpace(t), genExpr(t), genTrail(t))
			default:
				sb.WriteString(genIdent(t))
				for range rapid.IntRange(0, 2).Draw(t, "labels") {
					sb.WriteString(" " + rapid.SampledFrom([]string{`"a"`, `"b-c"`, "d", `""`, `"x y"`}).Draw(t, "label"))
				}
				if depth < 3 && rapid.Bool().Draw(t, "nested") {
					sb.WriteString(" {\n" + genFastBody(depth+1)(t) + "}" + genTrail(t) + "\n")
				} else {
					sb.WriteString(rapid.SampledFrom([]string{" {}\n", "{}\n", " {}", " { a = 1 }\n", " {\n}\n", " {\n"}).Draw(t, "empty"))
				}
			}
		}
		if rapid.IntRange(0, 9).Draw(t, "noeol") == 0 {
			sb.WriteString(rapid.SampledFrom([]string{"# end", "a = 1", "b {}", "}"}).Draw(t, "last"))
		}
		return sb.String()
	}
}

func genIdent(t *rapid.T) string {
	return rapid.SampledFrom([]string{"a", "timeout", "service_time", "b-c", "_x", "true", "null", "x1", "é", "1a"}).Draw(t, "ident")
}

func genSpace(t *rapid.T) string {
	return rapid.SampledFrom([]string{"", " ", "  ", "\t"}).Draw(t, "space")
}

func genExpr(t *rapid.T) string {
	return rapid.SampledFrom([]string{
		`"300ms"`, `"exp(2ms)"`, `"a b {c}"`, `""`, `"a\"b"`, `"a\nb"`, `"a\\b"`, `"${x}"`, `"$${x}"`, `"$x"`, `"%%{x}"`, `"%"`, `"é"`, `"a	b"`,
		"0", "42", "1.5", "1e3", "2.5E-2", "1.", "1.2.3", "-1", "1e", "01",
		"true", "false", "null", "true.x", "service.s0", "var.replicas", "a.b.c", "a.", "a.0", "a[0]",
		"f(1)", "[1, 2]", "{ a = 1 }", "1 + 2", "a == b", "<<EOT\nx\nEOT",
	}).Draw(t, "expr")
}

func genTrail(t *rapid.T) string {
	return rapid.SampledFrom([]string{"", "", " ", " # c", "// c", ",", " x"}).Draw(t, "trail")
}

// FuzzParseFast: whatever parseFast accepts, hcl parses to the same tree.
func FuzzParseFast(f *testing.F) {
	f.Add([]byte(genSpec(3, false)))
	f.Add([]byte("service \"a\" {\n  replicas = 2 # two\n  endpoint e {}\n}\n"))
	f.Add([]byte("a = b.c\n// x\nlink \"a\" \"b\" {\n  timeout = \"1s\"\n}"))
	f.Fuzz(func(t *testing.T, src []byte) {
		checkParseFast(t, src, hcl.InitialPos)
	})
}
