// Command berth compiles a berth spec into a deployment plan for Docker
// Compose or Swarm, or runs it through the load simulator.
package main

import (
	"os"

	"github.com/berth-dev/berth/cmd/berth/cli"
)

func main() { os.Exit(cli.Main()) }
