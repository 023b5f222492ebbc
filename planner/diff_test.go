package planner

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDiffAttrs(t *testing.T) {
	tests := []struct {
		name          string
		before, after Attrs
		want          []AttrDiff
	}{
		{"same", Attrs{"image": "a", "ports": []string{"80"}}, Attrs{"image": "a", "ports": []string{"80"}}, nil},
		{"scalar and list", Attrs{"image": "a", "ports": []string{"80"}, "replicas": int64(2)}, Attrs{"image": "b", "ports": []string{"80", "443"}, "replicas": int64(2)},
			[]AttrDiff{{Path: "image", Before: "a", After: "b"}, {Path: "ports", Before: []string{"80"}, After: []string{"80", "443"}}}},
		{"map key by key", Attrs{"env": map[string]string{"A": "1", "B": "2"}}, Attrs{"env": map[string]string{"B": "3", "C": "4"}},
			[]AttrDiff{{Path: "env.A", Before: "1"}, {Path: "env.B", Before: "2", After: "3"}, {Path: "env.C", After: "4"}}},
		{"created", nil, Attrs{"image": "a", "env": map[string]string{"A": "1"}},
			[]AttrDiff{{Path: "env.A", After: "1"}, {Path: "image", After: "a"}}},
		{"deleted", Attrs{"image": "a"}, nil, []AttrDiff{{Path: "image", Before: "a"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if d := cmp.Diff(tt.want, DiffAttrs(tt.before, tt.after)); d != "" {
				t.Errorf("DiffAttrs (-want +got):\n%s", d)
			}
		})
	}
}
