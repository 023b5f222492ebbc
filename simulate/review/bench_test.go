package review

import "testing"

// BenchmarkDiffShopPeak is issue 6's speed case: the shop's pull request
// (timeout + retry), both sides simulated at peak with 3 replications,
// plus the structure and the findings. Target: ≤ 10 s.
func BenchmarkDiffShopPeak(b *testing.B) {
	t := &testing.T{}
	old := side(t, "main", shopDir, nil)
	new := side(t, "HEAD", "shop", editedShop(t, "links.berth.hcl", prEdits...))
	b.ResetTimer()
	for range b.N {
		if _, diags := Build(old, new, Options{Seed: 1, Replications: 3, Loads: []string{"peak"}}); diags.HasErrors() {
			b.Fatal(diags)
		}
	}
}
