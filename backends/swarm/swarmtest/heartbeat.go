package swarmtest

import "fmt"

// Swarm's node heartbeat, swarmkit's defaults (the lab keeps them): every
// node reports each Period, jittered by ±Jitter, and the managers mark it
// down when Grace periods pass without a report.
const (
	HeartbeatPeriod = 5.0 // seconds
	HeartbeatJitter = 0.5
	HeartbeatGrace  = 3
)

// LastHeartbeat estimates how long before a kill the dead node's last
// heartbeat came, from when swarm marked it down (detected, seconds after
// the kill) and the simulator's detection (simulated, seconds after the
// node_down).
//
// The simulator counts Grace periods from the failure itself, the
// worst case (a failure just after a heartbeat), as the reference
// semantics do ("5 s heartbeat × grace multiplier 3, about 15 s"). Swarm
// counts them from the last heartbeat, which came up to a period before:
// a real detection lies anywhere in (Grace−1, Grace] periods after the
// kill, plus the jitter. Comparing a measured timeline with the
// simulated one therefore first moves it back to the last heartbeat.
//
// It fails when the detection lies outside what swarm's heartbeat allows
// (slack covers the polling and the kill itself): then swarm is not
// working the way the simulator models it.
func LastHeartbeat(detected, simulated, slack float64) (float64, error) {
	lo := (HeartbeatGrace-1)*(HeartbeatPeriod-HeartbeatJitter) - slack
	hi := HeartbeatGrace*(HeartbeatPeriod+HeartbeatJitter) + slack
	if detected < lo || detected > hi {
		return 0, fmt.Errorf("swarm marked the node down %.1fs after the kill: its heartbeat (%g s ± %g s, down after %d missed) allows %.1f to %.1fs",
			detected, HeartbeatPeriod, HeartbeatJitter, HeartbeatGrace, lo, hi)
	}
	return min(max(simulated-detected, 0), HeartbeatPeriod+HeartbeatJitter), nil
}
