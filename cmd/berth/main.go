// Command berth compiles a berth spec into a deployment plan for Docker
// Compose or Swarm, or runs it through the load simulator.
//
// berth collects garbage less often than Go programs do by default (GOGC
// 400, with a 1 GiB soft memory limit; see internal/gcpolicy): it is a
// short-lived process that allocates most of its memory while it loads a
// spec. GOGC or GOMEMLIMIT in the environment override that. On Linux,
// before it loads a large spec, it also asks for huge pages on the heap
// the load will use, which cuts its page faults by three quarters
// (internal/hugeheap); GODEBUG=disablethp=1 turns that off.
package main

import (
	"os"

	"github.com/berth-dev/berth/cmd/berth/cli"
	"github.com/berth-dev/berth/internal/hugeheap"
)

func main() {
	hugeheap.Allow(os.Getenv)
	os.Exit(cli.Main())
}
