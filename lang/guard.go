package lang

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
)

// The HCL parser recurses once per unary operator and per conditional, so
// a long enough chain of them exhausts the stack. These limits are far
// beyond any real spec.
const (
	maxUnaryRun  = 1000 // consecutive ! and - operators
	maxTernaries = 1000 // conditionals in one expression
)

// expressionGuard refuses chains of operators deep enough to threaten the
// parser's stack. A byte scan clears ordinary files at once; a suspicious
// file is lexed (the lexer does not recurse) and checked token by token.
func expressionGuard(src []byte, name string) hcl.Diagnostics {
	questions, run, maxRun := 0, 0, 0
	for _, c := range src {
		switch c {
		case '?':
			questions++
		case '!', '-':
			run++
			maxRun = max(maxRun, run)
		case ' ', '\t':
		default:
			run = 0
		}
	}
	if questions <= maxTernaries && maxRun <= maxUnaryRun {
		return nil
	}
	return tokenGuard(hclsyntax.LexConfig(src, name, hcl.InitialPos))
}

// tokenGuard finds the first operator chain over the limits.
func tokenGuard(tokens hclsyntax.Tokens, _ hcl.Diagnostics) hcl.Diagnostics {
	run, questions, depth := 0, 0, 0
	for _, tok := range tokens {
		switch tok.Type {
		case hclsyntax.TokenBang, hclsyntax.TokenMinus:
			if run++; run > maxUnaryRun {
				return tooComplex(tok.Range, fmt.Sprintf("more than %d ! or - operators in a row", maxUnaryRun))
			}
			continue
		case hclsyntax.TokenQuestion:
			if questions++; questions > maxTernaries {
				return tooComplex(tok.Range, fmt.Sprintf("more than %d conditionals in one expression", maxTernaries))
			}
		case hclsyntax.TokenOParen, hclsyntax.TokenOBrack, hclsyntax.TokenTemplateInterp, hclsyntax.TokenTemplateControl:
			depth++
		case hclsyntax.TokenCParen, hclsyntax.TokenCBrack, hclsyntax.TokenTemplateSeqEnd:
			depth = max(depth-1, 0)
		case hclsyntax.TokenNewline:
			if depth == 0 {
				questions = 0
			}
		}
		run = 0
	}
	return nil
}

func tooComplex(rng hcl.Range, what string) hcl.Diagnostics {
	return hcl.Diagnostics{errorAt(rng, "Expression too complex",
		"This expression has %s, more than berth's parser accepts. Simplify it, or compute the value outside the spec and pass it with -var.", what)}
}
