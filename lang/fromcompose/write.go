package fromcompose

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
)

// Small hclwrite helpers: typed attribute setters that skip zero values, so
// the output holds only what the Compose file said.

func setString(b *hclwrite.Body, name, v string) {
	if v != "" {
		b.SetAttributeValue(name, cty.StringVal(v))
	}
}

func setInt(b *hclwrite.Body, name string, v int64) {
	b.SetAttributeValue(name, cty.NumberIntVal(v))
}

func setBool(b *hclwrite.Body, name string, v bool) {
	if v {
		b.SetAttributeValue(name, cty.True)
	}
}

func setStrings(b *hclwrite.Body, name string, vs []string) {
	if len(vs) == 0 {
		return
	}
	l := make([]cty.Value, len(vs))
	for i, v := range vs {
		l[i] = cty.StringVal(v)
	}
	b.SetAttributeValue(name, cty.TupleVal(l))
}

func setMap(b *hclwrite.Body, name string, m map[string]string) {
	if len(m) == 0 {
		return
	}
	o := make(map[string]cty.Value, len(m))
	for k, v := range m {
		o[k] = cty.StringVal(v)
	}
	b.SetAttributeValue(name, cty.ObjectVal(o))
}

// ref is the traversal kind.name (service.web), as tokens.
func ref(kind, name string) hclwrite.Tokens {
	return hclwrite.TokensForTraversal(hcl.Traversal{hcl.TraverseRoot{Name: kind}, hcl.TraverseAttr{Name: name}})
}

// setRefs sets name = [kind.a, kind.b, ...] in the order given.
func setRefs(b *hclwrite.Body, name, kind string, names []string) {
	if len(names) == 0 {
		return
	}
	elems := make([]hclwrite.Tokens, len(names))
	for i, n := range names {
		elems[i] = ref(kind, n)
	}
	b.SetAttributeRaw(name, hclwrite.TokensForTuple(elems))
}

// objectWithComments is hclwrite.TokensForObject with a comment after
// each attribute whose comment is not empty (# from db.env:2).
func objectWithComments(attrs []hclwrite.ObjectAttrTokens, comments []string) hclwrite.Tokens {
	toks := hclwrite.Tokens{{Type: hclsyntax.TokenOBrace, Bytes: []byte("{")}, {Type: hclsyntax.TokenNewline, Bytes: []byte("\n")}}
	for i, a := range attrs {
		toks = append(toks, a.Name...)
		toks = append(toks, &hclwrite.Token{Type: hclsyntax.TokenEqual, Bytes: []byte("=")})
		toks = append(toks, a.Value...)
		if comments[i] != "" {
			toks = append(toks, &hclwrite.Token{Type: hclsyntax.TokenComment, Bytes: []byte("# " + comments[i] + "\n")})
		} else {
			toks = append(toks, &hclwrite.Token{Type: hclsyntax.TokenNewline, Bytes: []byte("\n")})
		}
	}
	return append(toks, &hclwrite.Token{Type: hclsyntax.TokenCBrace, Bytes: []byte("}")})
}
