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

// lostName is a name a container answers to on a Compose project's
// networks that it does not answer to in berth: the Compose name of a
// service berth renames, its container_name, a network alias.
type lostName struct {
	service string // the berth name of the service it reached
	how     string // what the name was, for the warning
}

// lostNames returns the names of the project's services that berth does
// not give them, by name. A name that is a berth service's is left out:
// it still resolves.
func (c *converter) lostNames() map[string]lostName {
	berth := map[string]bool{}
	for _, n := range c.names["service"] {
		berth[n] = true
	}
	out := map[string]lostName{}
	add := func(name, svc, how string) {
		if name != "" && !berth[name] {
			if _, ok := out[name]; !ok {
				out[name] = lostName{c.name("service", svc, nil), how}
			}
		}
	}
	for _, svc := range slices.Sorted(maps.Keys(c.p.Services)) {
		s := c.p.Services[svc]
		add(svc, svc, "the Compose name of the service")
		add(s.ContainerName, svc, fmt.Sprintf("the container_name of %q", svc))
		for _, net := range slices.Sorted(maps.Keys(s.Networks)) {
			if cfg := s.Networks[net]; cfg != nil {
				for _, a := range cfg.Aliases {
					add(a, svc, fmt.Sprintf("an alias of %q on the network %s", svc, net))
				}
			}
		}
	}
	return out
}

// isBerthService reports whether name is the berth name of a service.
func (c *converter) isBerthService(name string) bool {
	return slices.Contains(slices.Collect(maps.Values(c.names["service"])), name)
}

// lostNameUses warns where the service s writes a name its service no
// longer answers to in berth (wazuh1.indexer:9200 in an env value, when
// the service is wazuh1-indexer in berth; appwrite's http://exc1/v1, the
// executor's container_name): containers reach a service on the
// project's networks by its berth name only, so the name no longer
// resolves. One warning for s, at the first key that mentions one; the
// values are left as written, since such a name is not always an address
// (a cluster's node name, say).
func (c *converter) lostNameUses(s types.ServiceConfig, at func(...string) *hcl.Range) {
	lost := c.lostNames()
	// links: [db:database] makes database a name of db for s alone
	for _, l := range s.Links {
		target, alias, ok := strings.Cut(l, ":")
		if _, known := c.p.Services[target]; ok && known && alias != "" && alias != target && !c.isBerthService(alias) {
			if _, taken := lost[alias]; !taken {
				lost[alias] = lostName{c.name("service", target, nil), fmt.Sprintf("the alias %q links %q as", s.Name, target)}
			}
		}
	}
	var uses []string
	var first *hcl.Range
	for _, name := range slices.Sorted(maps.Keys(lost)) {
		// as a host: the whole value or a list item, after a URL's //
		// or a user@, before a :port or a /path; not a path's element
		// (/etc/nginx/ names no host nginx)
		re := regexp.MustCompile(`(^|//|[@=,;\s"'(\[])` + regexp.QuoteMeta(name) + `($|[:/,;\s"')\]])`)
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
			l := lost[name]
			uses = append(uses, fmt.Sprintf("%q (%s, in berth %s) in %s", name, l.how, l.service, strings.Join(where, " and ")))
		}
	}
	if len(uses) == 0 {
		return
	}
	c.warn(first, "Service reached by a name berth does not give it",
		"The service %q names %s. Containers reach a service on the project's networks by its berth name only, so that name does not resolve: write the berth name where the value is the service's address.",
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
