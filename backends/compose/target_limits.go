package compose

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/lang"
)

// MaxContainers bounds the containers of one compose project: each
// replica is a container on the one engine, with an address on a bridge
// network, and Docker's largest default network (a /16) holds 65,534. A
// spec past it (replicas = 1e9, a slip of a variable) is refused before
// any container is compiled: compiling one resource per replica took
// 30 s and 1 GiB per million replicas, so validate and plan of such a
// spec ran until the machine ran out of memory.
const MaxContainers = 65_534

// checkContainerCount reports, at the service that crosses it, a project
// whose services (svcs, sorted) ask for more than MaxContainers
// containers in all.
func checkContainerCount(svcs []*lang.Service) hcl.Diagnostics {
	total := 0
	for _, svc := range svcs {
		total += max(svc.Replicas, 0)
		if total > MaxContainers {
			return hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Too many containers for one engine",
				Detail: fmt.Sprintf("On compose each replica is a container on the one engine, and the services ask for more than %d in all (%q alone %d replicas), more than a bridge network holds addresses for. Check the replicas and the variables that set them, or deploy with --backend swarm, which spreads a service's tasks over the nodes.",
					MaxContainers, svc.Name, svc.Replicas),
				Subject: svc.DeclRange.Ptr()}}
		}
	}
	return nil
}
