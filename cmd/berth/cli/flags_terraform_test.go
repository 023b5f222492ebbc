package cli

import (
	"slices"
	"testing"

	"github.com/spf13/cobra"
)

func TestTerraformStyleFlags(t *testing.T) {
	root := &cobra.Command{Use: "berth"}
	plan := &cobra.Command{Use: "plan", Run: func(*cobra.Command, []string) {}}
	plan.Flags().String("out", "", "")
	plan.Flags().Bool("detailed-exitcode", false, "")
	plan.Flags().StringP("output", "o", "", "")
	root.AddCommand(plan)
	tests := []struct{ in, want []string }{
		{[]string{"plan", "-out=p.json", "-detailed-exitcode", "dir"}, []string{"plan", "--out=p.json", "--detailed-exitcode", "dir"}},
		{[]string{"plan", "-out", "p.json"}, []string{"plan", "--out", "p.json"}},
		{[]string{"plan", "-o", "x", "--out", "y"}, []string{"plan", "-o", "x", "--out", "y"}},
		{[]string{"plan", "-nope", "--", "-out"}, []string{"plan", "-nope", "--", "-out"}},
	}
	for _, tt := range tests {
		if got := terraformStyle(root, tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("terraformStyle(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
