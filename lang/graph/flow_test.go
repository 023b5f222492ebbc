package graph

import (
	"testing"

	"github.com/berth-dev/berth/lang"
)

func TestFlowText(t *testing.T) {
	tests := []struct {
		name string
		flow *lang.Step
		want string
	}{
		{"nil", nil, ""},
		{"empty", seq(), ""},
		{"one call", seq(call("a")), "a"},
		{"sequence", seq(call("a"), call("b")), "a → b"},
		{"parallel", par(call("a"), call("b")), "∥{a, b}"},
		{"seed's order list", seq(call("auth"), par(call("users", fallback("default")), seq(call("orders"), call("products")))),
			"auth → ∥{users (fallback), orders → products}"},
		{"nested parallel", par(call("a"), par(call("b"), call("c"))), "∥{a, ∥{b, c}}"},
		{"endpoint and probability", seq(call("db", endpoint("write"), prob(0.25))), "db.write (25%)"},
		{"publish", seq(publish("q")), "⇢q"},
		{"empty parallel", seq(call("a"), par()), "a"},
	}
	for _, tt := range tests {
		if got := flowText(tt.flow); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}
