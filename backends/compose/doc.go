// Package compose is berth's Docker Compose backend: one container per
// replica, named <project>-<service>-<n>, on bridge networks, driven through
// the Engine API (github.com/docker/docker/client). It pulls an image only
// when apply is asked to (backends.PullMissing).
//
// It does the three things of a backend, and decides nothing while acting:
//
//   - Target (target*.go) compiles a lang.Spec into the desired resources:
//     networks, volumes, secret and config files, and containers. Pure.
//   - Observe (observe*.go) takes one snapshot of what the project owns, by
//     the io.berth.project label, translated into the same attributes.
//   - Apply (execute.go, op_*.go) walks a planner.Plan's steps in parallel,
//     in dependency order, waits for running or healthy, and reports
//     exactly what was done and what was not.
//
// Secrets and configs are read-only bind mounts of files that berth writes
// under its state directory (backends.StateDir, ~/.cache/berth by default):
// projects/<project>/secrets/<name>-<hash>, mode 0444 (the mode the
// container sees: any user of the image reads it), in a 0700 directory (no
// other user of this machine reaches it).
// The content hash in the file name makes each version its own file, so a
// rotation replaces the containers that use it and removes the old file only
// after they have moved (create before destroy). Bind mounts were chosen over
// copying into each container because they are real read-only mounts, as
// Compose itself does for file secrets; the price is that the engine must
// run on the machine berth runs on (no remote DOCKER_HOST for projects with
// secrets or configs). Secret values never reach an env var, a label, the
// plan or a log: only their salted hash does.
//
// Containers also carry the Compose labels (com.docker.compose.project,
// service, container-number, oneoff, config-hash), so `docker-compose -p
// <project> ps` lists a berth project as its own.
package compose
