package fromcompose

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"

	"github.com/compose-spec/compose-go/v2/types"
	"github.com/hashicorp/hcl/v2"
)

// oldServiceNames warns where the service s writes the Compose name of a
// service that berth renames (wazuh1.indexer:9200 in an env value, when
// the service is wazuh1-indexer in berth): containers reach a service on
// the project's networks by its berth name, so the old name no longer
// resolves. One warning for s, at the first key that mentions one; the
// values are left as written, since such a name is not always an address
// (a cluster's node name, say).
func (c *converter) oldServiceNames(s types.ServiceConfig, at func(...string) *hcl.Range) {
	var uses []string
	var first *hcl.Range
	for _, old := range slices.Sorted(maps.Keys(c.names["service"])) {
		n := c.names["service"][old]
		if n == old {
			continue
		}
		re := regexp.MustCompile(`(^|[^A-Za-z0-9_.-])` + regexp.QuoteMeta(old) + `($|[^A-Za-z0-9_.-])`)
		var where []string
		note := func(what string, r *hcl.Range) {
			where = append(where, what)
			if first == nil {
				first = r
			}
		}
		var keys []string
		for _, k := range slices.Sorted(maps.Keys(s.Environment)) {
			if v := s.Environment[k]; v != nil && re.MatchString(*v) {
				keys = append(keys, k)
			}
		}
		if len(keys) > 0 {
			note("env "+strings.Join(keys, ", "), firstRange(at("environment", keys[0]), at("environment"), at("env_file")))
		}
		if slices.ContainsFunc(s.Command, re.MatchString) {
			note("command", at("command"))
		}
		if h := s.HealthCheck; h != nil && slices.ContainsFunc(h.Test, re.MatchString) {
			note("health check", at("healthcheck", "test"))
		}
		if len(where) > 0 {
			uses = append(uses, fmt.Sprintf("%q (in berth: %s) in %s", old, n, strings.Join(where, " and ")))
		}
	}
	if len(uses) == 0 {
		return
	}
	c.warn(first, "Renamed service reached by its Compose name",
		"The service %q names %s. Containers reach a service on the project's networks by its berth name only, so the Compose name does not resolve: write the berth name where the value is the service's address.",
		s.Name, strings.Join(uses, "; "))
}

// firstRange returns the first range that is not nil.
func firstRange(rs ...*hcl.Range) *hcl.Range {
	for _, r := range rs {
		if r != nil {
			return r
		}
	}
	return nil
}

// dnsNote says, for a renamed service, that its containers answer to the
// new name.
func dnsNote(kind, n string) string {
	if kind != "service" {
		return ""
	}
	return " Its containers answer to " + n + " on the project's networks, not to the Compose name."
}
