// Package swarm is berth's Docker Swarm backend. It compiles a spec into
// swarm resources (Target), observes what a project runs in a swarm by
// label, and executes the planner's Plan through a manager's Engine API.
//
// What it makes, per project P:
//   - network.N → an overlay network "P_N" (attachable where asked);
//   - secret.S, config.C → "P_S-<hash8>": swarm secrets and configs are
//     immutable, so the content hash is part of the name. A rotation
//     creates the new version, updates the services that mount it and then
//     removes the old one (the planner's create-before-destroy);
//   - service.X → a replicated service "P_X" with the network alias X, so
//     callers find it by its spec name, as in `docker stack deploy`.
//
// Every object carries the berth labels and com.docker.stack.namespace, so
// `docker stack services P` and `docker stack ps P` list berth projects.
//
// A service's attributes (Attrs) are the one description that the three
// directions share: the Target writes them from the model, the executor
// builds a swarm.ServiceSpec from them (spec_*.go), and observation reads
// them back from the engine's spec (observe_*.go). Round-tripping through
// the engine gives the same attributes, so a converged project plans no
// changes.
//
// Images are never resolved against a registry (QueryRegistry false), and
// the emulator image reaches every node by save → load (images.go). A
// service runs an image without a registry by its id, so no node asks a
// registry for it at a task start (images_pin.go).
//
// Files: target.go (the planner.Target: resources, schemas, deps),
// target_check.go (what swarm would refuse, reported at plan time),
// service_def.go (a service's typed form and its attributes),
// service_attrs.go (their text forms), service_lang.go (from the model),
// service_spec.go (to a swarm.ServiceSpec), service_observe.go (back from
// one), network.go; observe.go and status.go (the snapshot); backend.go,
// apply.go, op_*.go (the executor; op_file_order.go orders a left
// secret version's delete before its create), watch.go and converge.go
// (following tasks and updates), task_health.go (what a failed task's
// health check said, from its node), images.go, images_pin.go, images_push.go,
// volumes.go; export*.go (a Compose file for docker stack deploy).
// swarmtest/ gives tests the lab swarm of scripts/swarm-lab.sh.
package swarm
