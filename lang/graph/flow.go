package graph

import (
	"strings"

	"github.com/berth-dev/berth/lang"
)

// flowText writes an endpoint's flow on one line: steps of a sequence are
// joined by " → ", the branches of a parallel block go in "∥{…}", a call
// with a fallback reads "users (fallback)", one that happens only sometimes
// "products-db (20%)", a call to a named endpoint "orders.create", and a
// publish "⇢order-events". An empty flow is "".
func flowText(s *lang.Step) string {
	if s == nil {
		return ""
	}
	switch s.Kind {
	case lang.StepCall:
		return callText(s.Call)
	case lang.StepPublish:
		if s.Publish == nil {
			return ""
		}
		return "⇢" + s.Publish.Queue + probText(s.Publish.Probability)
	case lang.StepParallel:
		parts := childTexts(s)
		if len(parts) == 0 {
			return ""
		}
		return "∥{" + strings.Join(parts, ", ") + "}"
	default: // sequence
		return strings.Join(childTexts(s), " → ")
	}
}

func childTexts(s *lang.Step) []string {
	var out []string
	for _, c := range s.Children {
		if t := flowText(c); t != "" {
			out = append(out, t)
		}
	}
	return out
}

func callText(c *lang.Call) string {
	if c == nil {
		return ""
	}
	t := c.Service
	if c.Endpoint != "" {
		t += "." + c.Endpoint
	}
	if c.Fallback != lang.FallbackNone {
		t += " (fallback)"
	}
	return t + probText(c.Probability)
}

// probText is " (20%)" for a probability below 1, else "".
func probText(p float64) string {
	if p >= 1 {
		return ""
	}
	return " (" + percent(p) + ")"
}
