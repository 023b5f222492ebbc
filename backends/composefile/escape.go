package composefile

import (
	"strings"

	"go.yaml.in/yaml/v4"
)

// escapeDollars doubles every $ in the values of n, so that a Compose
// reader's interpolation gives back the value berth holds: a health check
// `--password="$(cat /run/secrets/pw)"` or a `$HOME` in a command is the
// container's shell's to expand, not docker-compose's (which refuses
// `$(` outright). Keys are left alone: Compose interpolates values only.
func escapeDollars(n *yaml.Node) {
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!str" || n.Tag == "" {
			n.Value = strings.ReplaceAll(n.Value, "$", "$$")
		}
	case yaml.MappingNode:
		for i := 1; i < len(n.Content); i += 2 {
			escapeDollars(n.Content[i])
		}
	default:
		for _, c := range n.Content {
			escapeDollars(c)
		}
	}
}
