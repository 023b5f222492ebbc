// Package backends holds what the Docker backends share: the labels berth
// puts on every object, the Engine API client, the interface the CLI
// drives, and the image ids a plan file records so that apply refuses it
// when a tag moved (imagepin.go). The backends themselves live in backends/compose and
// backends/swarm; they observe state and execute plans, and decide nothing.
package backends
