// Package dist turns a lang.Dist into a Sampler of integer nanosecond
// durations. Samplers are immutable after New and take their randomness from
// the *rand.Rand passed to each Sample call, so one Sampler may serve many
// random streams (one per simulator component, or one per emulator handler
// behind a mutex). Sample never allocates.
//
// The distributions follow gonum's stat/distuv. Where distuv would build a
// *rand.Rand per draw (its Rand methods wrap their Src anew on every call)
// the same transform is applied here to the caller's generator directly:
// exp is r.ExpFloat64()·mean, lognormal is exp(μ + σ·r.NormFloat64()) with
// σ from lang.LognormalSigma. distuv is used for parameter conversion and,
// for gamma, for the draw itself (see gamma.go).
package dist
