package fromcompose

import (
	"cmp"
	"errors"
	"io/fs"
	"maps"
	"os"
	"slices"

	"github.com/compose-spec/compose-go/v2/types"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"
	"github.com/zclconf/go-cty/cty"
)

func ctyString(s string) cty.Value { return cty.StringVal(s) }

func ctyNumber(f float64) cty.Value { return cty.NumberFloatVal(f) }

// networks writes the networks the services use. Compose's implicit
// "default" network is berth's implicit one too; it is declared only when
// a service lists it beside others.
func (c *converter) networks(body *hclwrite.Body) {
	for _, name := range slices.Sorted(maps.Keys(c.p.Networks)) {
		n := c.p.Networks[name]
		if name == "default" && !c.defaultListedWithOthers() && !c.customized(n) {
			continue
		}
		at := c.src.At("networks", name)
		body.AppendNewline()
		b := body.AppendNewBlock("network", []string{c.name("network", name, at)}).Body()
		if n.External {
			c.warn(at, "External network imported as berth's own",
				"The network %q is external in the Compose file (made outside it, as %q). berth creates and removes the networks of its project, so it is declared as a berth network, which Docker names %s_%s: the containers outside the project that joined %s meet its services only once they join %s_%s (in a Compose file: external: true, name: %s_%s).",
				name, cmp.Or(n.Name, name), c.p.Name, c.name("network", name, nil), cmp.Or(n.Name, name), c.p.Name, c.name("network", name, nil), c.p.Name, c.name("network", name, nil))
		}
		c.customName(at, "network", name, n.Name, bool(n.External))
		switch n.Driver {
		case "", "bridge", "overlay":
		default:
			setString(b, "driver", n.Driver)
		}
		setBool(b, "internal", n.Internal)
		setBool(b, "attachable", n.Attachable)
		setMap(b, "labels", c.userLabels(n.Labels, at, "network", name))
		if len(n.DriverOpts) > 0 || n.Ipam.Driver != "" || len(n.Ipam.Config) > 0 || len(n.Ipam.Options) > 0 || n.EnableIPv4 != nil || n.EnableIPv6 != nil {
			c.warn(at, "Network options not carried into berth",
				"The network %q sets driver_opts, ipam, enable_ipv4 or enable_ipv6, which berth's network block does not carry: the engine's defaults apply.", name)
		}
	}
}

// customized tells whether the file sets anything on the network n (its
// default network, networks: default: ...), which is then declared, so
// that what berth carries is carried and the rest is warned about: a
// default network that is an external one (name: proxy, external: true,
// to join a reverse proxy's) must not become the project's own silently.
func (c *converter) customized(n types.NetworkConfig) bool {
	switch n.Driver {
	case "", "bridge", "overlay":
	default:
		return true
	}
	return bool(n.External) || n.Name != "" && n.Name != c.p.Name+"_default" || n.Internal || n.Attachable ||
		len(n.Labels) > 0 || len(n.DriverOpts) > 0 || n.Ipam.Driver != "" || len(n.Ipam.Config) > 0 ||
		len(n.Ipam.Options) > 0 || n.EnableIPv4 != nil || n.EnableIPv6 != nil
}

// customName warns when a network or volume has a Docker name of its own
// (name:), which berth does not carry: berth names it <project>_<name>,
// as Compose does by default, so a volume named to keep data from another
// deployment would start empty.
func (c *converter) customName(at *hcl.Range, kind, key, name string, external bool) {
	if name == "" || name == c.p.Name+"_"+key || external { // an external one has its own warning, which names it
		return
	}
	c.warn(at, "Custom "+kind+" name not carried into berth",
		"The %s %q is named %q in Docker. berth names it %s_%s, as Compose does without a name: %s.",
		kind, key, name, c.p.Name, c.name(kind, key, nil), map[string]string{
			"volume":  "its data is not the data of the volume " + name + " (copy it over, or rename that volume)",
			"network": "containers outside the project that join " + name + " do not meet its services",
		}[kind])
}

// defaultListedWithOthers reports whether a service joins "default" and
// another network, so that berth must name the default network.
func (c *converter) defaultListedWithOthers() bool {
	for _, s := range c.p.Services {
		if _, ok := s.Networks["default"]; ok && len(s.Networks) > 1 {
			return true
		}
	}
	return false
}

func (c *converter) volumes(body *hclwrite.Body) {
	for _, name := range slices.Sorted(maps.Keys(c.p.Volumes)) {
		v := c.p.Volumes[name]
		at := c.src.At("volumes", name)
		body.AppendNewline()
		b := body.AppendNewBlock("volume", []string{c.name("volume", name, at)}).Body()
		if v.External {
			c.warn(at, "External volume imported as berth's own",
				"The volume %q is external in the Compose file (made outside it, as %q). berth creates the volumes of its project (and keeps them on destroy only if asked), so it is declared as a berth volume, which Docker names %s_%s: it starts empty, without the data of %s. Copy the data over before the services switch to it.",
				name, cmp.Or(v.Name, name), c.p.Name, c.name("volume", name, nil), cmp.Or(v.Name, name))
		}
		c.customName(at, "volume", name, v.Name, bool(v.External))
		if v.Driver != "local" {
			setString(b, "driver", v.Driver)
		}
		setMap(b, "labels", c.userLabels(v.Labels, at, "volume", name))
		if len(v.DriverOpts) > 0 {
			c.warn(at, "Volume options not carried into berth",
				"The volume %q sets driver_opts, which berth's volume block does not carry.", name)
		}
	}
	for _, name := range slices.Sorted(maps.Values(c.anon)) {
		body.AppendNewline()
		body.AppendNewBlock("volume", []string{name})
	}
}

func configObjects(m types.Configs) map[string]types.FileObjectConfig {
	out := make(map[string]types.FileObjectConfig, len(m))
	for k, v := range m {
		out[k] = types.FileObjectConfig(v)
	}
	return out
}

func secretObjects(m types.Secrets) map[string]types.FileObjectConfig {
	out := make(map[string]types.FileObjectConfig, len(m))
	for k, v := range m {
		out[k] = types.FileObjectConfig(v)
	}
	return out
}

// files writes secrets or configs (kind). A file becomes `file`, inline
// content `content` (configs) or a sensitive variable (secrets); one read
// from the environment becomes a sensitive variable the user sets with
// BERTH_VAR_<name>; an external one is left out, with a warning.
func (c *converter) files(body *hclwrite.Body, kind string, m map[string]types.FileObjectConfig) {
	top := kind + "s"
	var own []string
	for name, o := range m {
		if !o.External {
			own = append(own, name)
		}
	}
	c.nameAll(kind, own)
	for _, name := range slices.Sorted(maps.Keys(m)) {
		o := m[name]
		at := c.src.At(top, name)
		if o.External {
			c.skipped[kind+"/"+name] = true
			c.warn(at, "External "+kind+" left out",
				"The %s %q is external (made outside the Compose file), and berth makes every %s it mounts. Declare it with a file or a value in the berth source, and the services that use it mount it again.", kind, name, kind)
			continue
		}
		bn := c.name(kind, name, at)
		switch {
		case o.File != "":
			body.AppendNewline()
			b := body.AppendNewBlock(kind, []string{bn}).Body()
			setString(b, "file", c.rel(o.File))
			if _, err := os.Stat(o.File); errors.Is(err, fs.ErrNotExist) {
				c.warn(firstRange(c.src.At(top, name, "file"), at), "The "+kind+"'s file does not exist",
					"The %s %q is read from %s, which does not exist: docker compose up fails without it, and berth validates the spec only once it is there (the spec names it as %s). Create it%s, then run berth validate.",
					kind, name, relTo(c.p.WorkingDir, o.File), c.rel(o.File), map[string]string{"secret": " with the secret's value", "config": ""}[kind])
			}
		case o.Content != "" && kind == "config":
			body.AppendNewline()
			b := body.AppendNewBlock(kind, []string{bn}).Body()
			setString(b, "content", o.Content)
		default:
			v := c.name("variable", bn+"_"+kind, nil)
			c.vars = append(c.vars, v)
			body.AppendNewline()
			vb := body.AppendNewBlock("variable", []string{v}).Body()
			vb.SetAttributeRaw("type", hclwrite.TokensForIdentifier("string"))
			attr, why := "value", "berth reads secret values from sensitive variables, never from the source"
			if kind == "config" {
				attr, why = "content", "berth reads it from a variable"
			} else {
				vb.SetAttributeValue("sensitive", cty.True)
			}
			from := "inline content"
			if o.Environment != "" {
				from = "the environment variable " + o.Environment
				setString(vb, "description", "The "+kind+" "+name+", read from $"+o.Environment+" by Compose.")
			}
			body.AppendNewline()
			b := body.AppendNewBlock(kind, []string{bn}).Body()
			b.SetAttributeRaw(attr, ref("var", v))
			c.warn(at, "The "+kind+"'s value is a variable",
				"The %s %q comes from %s. %s: set it with -var %s=... or BERTH_VAR_%s.", kind, name, from, why, v, v)
		}
		if len(o.Labels) > 0 || o.Driver != "" || len(o.DriverOpts) > 0 || o.TemplateDriver != "" {
			c.warn(at, kind+" options not carried into berth", "The %s %q sets labels, driver, driver_opts or template_driver, which berth does not carry.", kind, name)
		}
		if o.Name != "" && o.Name != c.p.Name+"_"+name {
			c.warn(at, "Custom "+kind+" name not carried into berth",
				"The %s %q is named %q in Docker. berth names it after the project, and on swarm after its content too (a new %s for new content, so a version in the name is not needed): services find it under berth's name.", kind, name, o.Name, kind)
		}
	}
}
