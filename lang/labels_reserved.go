package lang

import (
	"sort"
	"strings"
)

// reservedLabelPrefixes are the label namespaces of what berth sets on the
// objects it creates: its own and those the Docker tools read.
var reservedLabelPrefixes = []string{"io.berth.", "com.docker.compose.", "com.docker.stack."}

// ReservedLabel returns the reserved namespace ("io.berth.") a label key
// is in, or "".
func ReservedLabel(key string) string {
	for _, p := range reservedLabelPrefixes {
		if strings.HasPrefix(key, p) {
			return p
		}
	}
	return ""
}

// userLabels decodes the labels attribute name into dst and reports each
// key in a reserved namespace: berth would overwrite it on apply, and
// every plan after would show it again.
func (a attrs) userLabels(name string, dst *map[string]string) {
	a.stringMap(name, dst)
	keys := make([]string, 0, len(*dst))
	for k := range *dst {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if p := ReservedLabel(k); p != "" {
			a.add(errorAt(a.rng(name), "Reserved label",
				"The label %q is in the %s* namespace, which berth sets itself on what it creates (the project, the resource, the config hash, and the Docker tools' labels): berth would overwrite it, and every plan would show it again. Use a key of your own namespace.", k, p))
		}
	}
}
