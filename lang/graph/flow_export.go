package graph

import "github.com/berth-dev/berth/lang"

// FlowText writes an endpoint's flow on one line, as the node details do:
// "auth → ∥{users (fallback), orders → products}". `berth diff` compares
// flows by this text.
func FlowText(s *lang.Step) string { return flowText(s) }
