package compose

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/berth-dev/berth/lang"
)

func callSvc(name string, deps []string, calls ...string) *lang.Service {
	flow := &lang.Step{Kind: lang.StepSequence}
	for _, c := range calls {
		flow.Children = append(flow.Children, &lang.Step{Kind: lang.StepCall, Call: &lang.Call{Service: c}})
	}
	return &lang.Service{Name: name, Replicas: 1, DependsOn: deps, Endpoints: []*lang.Endpoint{{Name: "e", Flow: flow}}}
}

func TestStartOrder(t *testing.T) {
	tests := []struct {
		name      string
		services  []*lang.Service
		want      map[string][]string
		wantError bool
	}{
		{
			name:     "depends_on and calls",
			services: []*lang.Service{callSvc("gw", nil, "a", "b"), callSvc("a", []string{"db"}), callSvc("b", nil), callSvc("db", nil)},
			want:     map[string][]string{"gw": {"a", "b"}, "a": {"db"}},
		},
		{
			name:     "services that call each other: the call closing the cycle is left out",
			services: []*lang.Service{callSvc("a", nil, "b"), callSvc("b", nil, "a")},
			want:     map[string][]string{"a": {"b"}},
		},
		{
			name:      "a depends_on cycle is an error",
			services:  []*lang.Service{callSvc("a", []string{"b"}), callSvc("b", []string{"a"})},
			want:      map[string][]string{"a": {"b"}},
			wantError: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spec := &lang.Spec{Services: map[string]*lang.Service{}}
			for _, s := range tt.services {
				spec.Services[s.Name] = s
			}
			got, diags := startOrder(spec)
			if diags.HasErrors() != tt.wantError {
				t.Errorf("errors = %v, want %v", diags, tt.wantError)
			}
			for k, v := range got {
				if len(v) == 0 {
					delete(got, k)
				}
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("order (-want +got):\n%s", diff)
			}
		})
	}
}
