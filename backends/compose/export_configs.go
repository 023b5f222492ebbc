package compose

import (
	"fmt"
	"sort"
	"strings"
)

// configWarnings are the export's warnings for the services that mount a
// config: docker-compose 1.x (Debian's 1.29 among them) ignores
// `configs`, with its own warning ("Compose does not support 'configs'
// configuration"), and starts the container without the file, which
// berth apply and docker compose v2 mount at /<name>.
func configWarnings(services map[string]*composeService) []string {
	var names []string
	for name, s := range services {
		if len(s.Configs) > 0 {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	var out []string
	for _, name := range names {
		cfgs := services[name].Configs
		var at []string
		for _, c := range cfgs {
			at = append(at, fmt.Sprintf("%q at %s", c, MountTarget(TypeConfig, c)))
		}
		out = append(out, fmt.Sprintf("service %q mounts config %s: docker-compose 1.x ignores configs and starts it without them (docker compose v2 mounts them, as berth apply does)", name, strings.Join(at, ", config ")))
	}
	return out
}
