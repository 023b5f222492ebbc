package lang

import (
	"strings"
	"testing"
)

func TestRegistryProblem(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // a part of the problem; "" for none
	}{
		{"registry.example.com", ""},
		{"registry.example.com/team/apps", ""},
		{"10.231.0.254:5000", ""},
		{"localhost:5000", ""},
		{"localhost", ""},
		{"[::1]:5000", ""},
		{"https://registry.example.com", `write "registry.example.com"`},
		{"http://10.0.0.5:5000", "insecure-registries"},
		{"team", "Docker Hub namespace"},
		{"team/apps", "Docker Hub namespace"},
		{"registry.example.com/Team", "not a registry address"},
		{"", "not a registry address"},
		{"reg istry.example.com", "not a registry address"},
	} {
		got := registryProblem(tc.in)
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("registryProblem(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
