package fromcompose

import (
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"slices"
	"strings"

	"github.com/compose-spec/compose-go/v2/types"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclwrite"
)

// anonymousVolumes names the anonymous volumes the services mount (a
// volumes entry with a target only, as databases' images declare): berth
// mounts named volumes, so each becomes one, <service>-<last element of
// the target>, declared after the Compose file's own. Without it the data
// would live in the container and go with it.
func (c *converter) anonymousVolumes() {
	c.anon = map[string]string{}
	taken := map[string]bool{}
	for _, n := range c.names["volume"] {
		taken[n] = true
	}
	for _, svc := range slices.Sorted(maps.Keys(c.p.Services)) {
		for _, v := range c.p.Services[svc].Volumes {
			if v.Type != types.VolumeTypeVolume || v.Source != "" {
				continue
			}
			base := identifier("volume", c.name("service", svc, nil)+"-"+strings.Trim(path.Base(v.Target), "/"))
			n := base
			for i := 2; taken[n]; i++ {
				n = fmt.Sprintf("%s-%d", base, i)
			}
			taken[n] = true
			c.anon[svc+"\x00"+v.Target] = n
		}
	}
}

func (c *converter) mounts(b *hclwrite.Body, s types.ServiceConfig, at func(...string) *hcl.Range) {
	var opts, missing []string
	var optsAt, missingAt *hcl.Range // the first item each warning is about
	for i, v := range s.Volumes {
		item := c.itemAt(s.Name, "volumes", i, len(s.Volumes))
		nopts := len(opts)
		switch v.Type {
		case types.VolumeTypeVolume:
			name := c.anon[s.Name+"\x00"+v.Target]
			if v.Source != "" {
				name = c.name("volume", v.Source, nil)
			} else {
				c.warn(item, "Anonymous volume imported as a named volume",
					"The service %q mounts an anonymous volume at %s; berth mounts named volumes, so it is the volume %q. Compose gives each container a volume of its own, where the replicas of a berth service share the one volume.", s.Name, v.Target, name)
			}
			mb := b.AppendNewBlock("mount", nil).Body()
			mb.SetAttributeRaw("volume", ref("volume", name))
			setString(mb, "target", v.Target)
			setBool(mb, "read_only", v.ReadOnly)
			if v.Volume != nil && (v.Volume.NoCopy || v.Volume.Subpath != "") {
				opts = append(opts, v.Target+" (nocopy or subpath)")
			}
			if v.Volume != nil && len(v.Volume.Labels) > 0 {
				opts = append(opts, v.Target+" (labels of the volume made for it)")
			}
			// vol:/path:z relabels the volume's content as a bind's
			if v.Bind != nil && v.Bind.SELinux != "" {
				opts = append(opts, v.Target+" (SELinux label "+v.Bind.SELinux+")")
			}
		case types.VolumeTypeBind:
			mb := b.AppendNewBlock("mount", nil).Body()
			src := c.rel(v.Source)
			if !strings.HasPrefix(src, ".") && !strings.HasPrefix(src, "/") {
				src = "./" + src // reads as a path, as in Compose
			}
			setString(mb, "source", src)
			setString(mb, "target", v.Target)
			setBool(mb, "read_only", v.ReadOnly)
			if c.madeByCompose(v) {
				missing = append(missing, src)
				missingAt = firstRange(missingAt, item)
			}
			if v.Bind != nil && v.Bind.SELinux != "" {
				opts = append(opts, v.Target+" (SELinux label "+v.Bind.SELinux+")")
			}
			if v.Bind != nil && v.Bind.Propagation != "" && v.Bind.Propagation != types.PropagationRPrivate {
				opts = append(opts, v.Target+" (propagation "+v.Bind.Propagation+")")
			}
			if v.Bind != nil && v.Bind.Recursive != "" {
				opts = append(opts, v.Target+" (recursive "+v.Bind.Recursive+")")
			}
		default:
			c.warn(item, "Mount not carried into berth",
				"The service %q mounts %s %s at %s, which berth's mount block does not carry (it mounts named volumes and binds).", s.Name, article(v.Type), v.Type, v.Target)
		}
		if len(opts) > nopts {
			optsAt = firstRange(optsAt, item)
		}
	}
	if len(missing) > 0 {
		what := "an empty directory"
		if len(missing) > 1 {
			what = "empty directories"
		}
		c.warn(missingAt, "Bind source does not exist",
			"docker compose makes %s (%s) when it starts %q, as the short syntax asks; berth apply does not, and Docker refuses to bind a path that is missing. Make it before berth apply: mkdir -p %s (from the directory of the berth source).",
			strings.Join(missing, ", "), what, s.Name, strings.Join(missing, " "))
	}
	if len(opts) > 0 {
		c.warn(optsAt, "Mount options not carried into berth",
			"berth mounts the volumes and binds of %q without the options given for %s.", s.Name, strings.Join(opts, ", "))
	}
}

func article(word string) string {
	if word != "" && strings.ContainsRune("aeiou", rune(word[0])) {
		return "an"
	}
	return "a"
}

// madeByCompose tells whether v is a bind of the project's own files
// whose source is missing, which docker compose makes as an empty
// directory (create_host_path, the short syntax's default) and berth's
// backends do not: Docker refuses a bind mount of a missing path. A path
// of the host's (/var/lib/docker) is left alone: it is the target
// host's, not the importer's.
func (c *converter) madeByCompose(v types.ServiceVolumeConfig) bool {
	if v.Bind == nil || !bool(v.Bind.CreateHostPath) || !nearProject(c.p.WorkingDir, v.Source) {
		return false
	}
	_, err := os.Stat(v.Source)
	return errors.Is(err, fs.ErrNotExist)
}
