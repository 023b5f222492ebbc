// Package backends holds what the Docker backends share: the labels berth
// puts on every object, the Engine API client and the interface the CLI
// drives. The backends themselves live in backends/compose and
// backends/swarm; they observe state and execute plans, and decide nothing.
package backends
