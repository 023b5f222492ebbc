// Package dist turns a lang.Dist into a Sampler of integer nanosecond
// durations. Samplers are immutable after New and take their randomness from
// the *rand.Rand passed to each Sample call, so one Sampler may serve many
// random streams (one per simulator component, or one per emulator handler
// behind a mutex). Sample never allocates.
//
// The continuous kinds are gonum's stat/distuv distributions, parameterised
// in nanoseconds. distuv fixes its Src in the distribution value, so a
// sampler keeps the distuv value and sets Src to the caller's generator on a
// copy at each draw; distuv wraps that Src in a *rand.Rand that stays on the
// stack (measured: 0 allocs, 1–2 ns over calling r directly). The two
// commonest kinds apply distuv's transform to r themselves, draw for draw
// the same samples: exp calls r.ExpFloat64 (distuv.Exponential), and
// lognormal computes exp(r.NormFloat64()·σ + μ) (distuv.LogNormal.Rand)
// with the μ and σ of a distuv.LogNormal set up once.
package dist
