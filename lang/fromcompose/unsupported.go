package fromcompose

import (
	"reflect"
	"strings"

	"github.com/compose-spec/compose-go/v2/types"
	"github.com/hashicorp/hcl/v2"
)

// carried are the service keys that service() imports or warns about
// itself, and the ones compose-go has already folded into others (env_file
// into environment, label_file into labels, extends into the service).
var carried = map[string]bool{
	"name": true, "image": true, "build": true, "command": true, "entrypoint": true,
	"scale": true, "deploy": true, "networks": true, "network_mode": true,
	"depends_on": true, "environment": true, "env_file": true, "labels": true,
	"label_file": true, "secrets": true, "configs": true, "ports": true,
	"volumes": true, "cpus": true, "mem_limit": true, "healthcheck": true,
	"restart": true, "profiles": true, "extends": true,
	// expose only documents ports: containers on a network reach every port
	"expose": true,
	// attach: false keeps a service's logs out of `docker compose up`'s
	// output; berth never attaches to them
	"attach": true,
}

// unsupported warns about every other key the service sets: the language
// has no place for it, so the container runs without it.
func (c *converter) unsupported(s types.ServiceConfig, at func(...string) *hcl.Range) {
	var keys []string
	collect(reflect.ValueOf(s), &keys)
	for _, k := range keys {
		if carried[k] {
			continue
		}
		if k == "hostname" && s.Hostname == c.name("service", s.Name, nil) {
			// minio's distributed mode (hostname: minio1 on the service
			// minio1): the name still resolves, only the container's own
			// hostname differs
			c.warn(at(k), "hostname is not carried into berth",
				"The containers of %q call themselves by their container ID, not %s (hostname). Other containers still reach them as %s, the service's name on the project's networks; only a program that reads its own hostname (and expects %s) sees the difference.", s.Name, s.Hostname, s.Hostname, s.Hostname)
			continue
		}
		if k == "links" {
			c.warn(at(k), "links is not carried into berth",
				"The containers of %q reach every service of the project by its name on the project's networks, as links gave them, so berth needs no links; an alias a link gives (db:database) is no name in berth: write the service's name where the alias was.", s.Name)
			continue
		}
		c.warn(at(k), k+" is not carried into berth",
			"berth's service block has no %s, so the containers of %q run without it. If the service needs it, bake it into the image or ask for it in berth's language.", k, s.Name)
	}
}

// collect appends the YAML keys of v's non-zero fields, descending into
// inlined structs.
func collect(v reflect.Value, keys *[]string) {
	t := v.Type()
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("yaml")
		name, opts, _ := strings.Cut(tag, ",")
		if strings.Contains(opts, "inline") {
			if f.Type.Kind() == reflect.Struct {
				collect(v.Field(i), keys)
			}
			continue
		}
		if name == "" || name == "-" || !f.IsExported() || v.Field(i).IsZero() {
			continue
		}
		*keys = append(*keys, name)
	}
}
