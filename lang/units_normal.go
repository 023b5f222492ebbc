package lang

import (
	"math"

	"gonum.org/v1/gonum/stat/distuv"
)

// truncNormal is normal(mean, sd) truncated at 0, as the simulator and
// the emulator draw it (a negative draw is drawn again): the normal
// density restricted to [0, ∞), whose mean, variance and median are
// above the declared ones when sd is not small against mean.
type truncNormal struct {
	// below is P(X < 0) of the normal before truncation: the share of
	// draws made again.
	below               float64
	mean, variance, p50 float64
}

// truncatedNormal returns the moments of normal(mean, sd) truncated at
// 0. With α = −mean/sd, Z = 1 − Φ(α) and λ = φ(α)/Z (the inverse Mills
// ratio): E = mean + sd·λ, Var = sd²·(1 + α·λ − λ²), and the median is
// mean + sd·Φ⁻¹((1 + Φ(α))/2).
func truncatedNormal(mean, sd float64) truncNormal {
	if sd <= 0 {
		return truncNormal{mean: mean, p50: mean}
	}
	alpha := -mean / sd
	below := 0.5 * math.Erfc(-alpha/math.Sqrt2) // Φ(α)
	z := 1 - below
	if z <= 0 { // mean ≤ −38 sd: lang refuses a negative mean anyway
		return truncNormal{below: 1}
	}
	lambda := math.Exp(-alpha*alpha/2) / math.Sqrt(2*math.Pi) / z
	return truncNormal{
		below:    below,
		mean:     mean + sd*lambda,
		variance: sd * sd * max(1+alpha*lambda-lambda*lambda, 0),
		p50:      mean + sd*distuv.UnitNormal.Quantile((1+below)/2),
	}
}
