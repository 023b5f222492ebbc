package swarm

import "testing"

// BenchmarkDesired20: compiling the 20-service bench project (what a
// no-op apply spends besides talking to the engine).
func BenchmarkDesired20(b *testing.B) {
	spec, _ := loadDir(b, "testdata/bench20")
	tg := &Target{EmulatorImage: "berth-emulator:bench"}
	b.ReportAllocs()
	for b.Loop() {
		if _, diags := tg.Desired(spec); diags.HasErrors() {
			b.Fatal(diags.Error())
		}
	}
}
