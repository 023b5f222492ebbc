package fromcompose

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/compose-spec/compose-go/v2/dotenv"
	"github.com/compose-spec/compose-go/v2/types"
	"github.com/hashicorp/hcl/v2"
	"go.yaml.in/yaml/v4"
)

// berth's service has no env_file (nor label_file): the values a service
// reads from one are written into its env (labels), each with a comment
// naming the line of the file it came from (POSTGRES_USER = "app" # from
// db.env:1), and one warning per file says that a later edit of the file
// no longer reaches the service. Credentials among them become sensitive
// variables (envsecrets.go), with the same comment.

// envFileLines are the keys an env file sets, with the line of each (the
// last, which dotenv keeps); nil when it cannot be read or parsed.
type envFileLines map[string]int

// envKeyLine matches the start of a statement of an env file: its key,
// after an optional export, before = or : or the end of the line.
var envKeyLine = regexp.MustCompile(`(?m)^[ \t]*(?:export[ \t]+)?([A-Za-z0-9_.\-\[\]]+)[ \t]*(?:[=:]|$)`)

// readEnvFileLines reads an env file as compose-go reads it (its keys)
// and finds the line of each key.
func readEnvFileLines(f types.EnvFile) envFileLines {
	b, err := os.ReadFile(f.Path)
	if err != nil {
		return nil
	}
	keys := map[string]string{}
	// every key, whether or not a bare KEY finds a value; not empty, so
	// that ${VAR:?message} reads
	every := func(string) (string, bool) { return "x", true }
	if err := dotenv.ParseWithFormat(bytes.NewReader(b), f.Path, keys, every, f.Format); err != nil {
		return nil
	}
	out := envFileLines{}
	for _, m := range envKeyLine.FindAllSubmatchIndex(b, -1) {
		k := string(b[m[2]:m[3]])
		if _, ok := keys[k]; ok {
			out[k] = 1 + bytes.Count(b[:m[2]], []byte("\n"))
		}
	}
	return out
}

// envFileCopy is one env file whose values services read, for the
// warning that they were copied.
type envFileCopy struct {
	d        *hcl.Diagnostic
	path     string // as the berth source names it
	services []string
}

// envOrigins returns, for each key of env that s reads from one of its
// env files (the last that sets it, unless the Compose file sets it in
// environment), the comment that names the file and line.
func (c *converter) envOrigins(s types.ServiceConfig, env map[string]string) map[string]string {
	return c.fileOrigins(s.EnvFiles, env, func(k string) bool {
		_, ok := c.src.rawEnv(s.Name, k)
		return ok
	})
}

// labelFiles are the label_file files of s, as env files (the same
// format; every one required).
func labelFiles(s types.ServiceConfig) []types.EnvFile {
	var out []types.EnvFile
	for _, f := range s.LabelFiles {
		out = append(out, types.EnvFile{Path: f, Required: true})
	}
	return out
}

// labelOrigins is envOrigins for the labels of s and its label files.
func (c *converter) labelOrigins(s types.ServiceConfig, labels map[string]string) map[string]string {
	return c.fileOrigins(labelFiles(s), labels, func(k string) bool {
		return c.src.At("services", s.Name, "labels", k) != nil || c.src.At("services", s.Name, "deploy", "labels", k) != nil
	})
}

// fileOrigins returns, for each key of m set by one of files (the last
// that sets it) and not by the Compose file itself, the comment that
// names the file and line.
func (c *converter) fileOrigins(files []types.EnvFile, m map[string]string, inCompose func(string) bool) map[string]string {
	if len(files) == 0 {
		return nil
	}
	if c.envFiles == nil {
		c.envFiles = map[string]envFileLines{}
	}
	out := map[string]string{}
	for _, f := range files {
		lines, ok := c.envFiles[f.Path]
		if !ok {
			lines = readEnvFileLines(f)
			c.envFiles[f.Path] = lines
		}
		for k, line := range lines {
			if _, set := m[k]; !set || inCompose(k) {
				continue
			}
			out[k] = fmt.Sprintf("from %s:%d", c.rel(f.Path), line)
		}
	}
	return out
}

// envFileCopied warns, once per env file, that the values of service
// that the env file sets were written into the berth source; later
// services that read the file are named in the same warning.
func (c *converter) envFileCopied(s types.ServiceConfig, origins map[string]string, creds map[string]bool) {
	c.filesCopied("env_file", "env", s.Name, s.EnvFiles, origins, creds)
}

// filesCopied is envFileCopied for the files of kind (env_file,
// label_file) whose values are in the attribute attr.
func (c *converter) filesCopied(kind, attr, service string, files []types.EnvFile, origins map[string]string, skip map[string]bool) {
	for _, f := range files {
		path := c.rel(f.Path)
		var copied int
		for k, o := range origins {
			if !skip[k] && strings.HasPrefix(o, "from "+path+":") {
				copied++
			}
		}
		if w := c.envCopies[kind+"\x00"+f.Path]; w != nil {
			if !slices.Contains(w.services, service) {
				w.services = append(w.services, service)
			}
			continue
		}
		if copied == 0 {
			c.envFileMissing(service, f, path)
			continue
		}
		what := fmt.Sprintf("%d values", copied)
		if copied == 1 {
			what = "the value"
		}
		d := &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: kind + " values copied into the berth source",
			Detail: fmt.Sprintf("berth's service has no %s, so %s that %q reads from %s %s written into its %s, each with a comment naming the line it came from. A later edit of %s no longer reaches the service: edit %s in the berth source, or import again. To keep the values in a file of their own, write it as JSON and read it with %s = merge(jsondecode(file(\"%s.json\")), { ... }).",
				kind, what, service, path, pick(copied == 1, "is", "are"), attr, path, attr, attr, attr),
			Subject: c.fileItemAt(service, kind, f.Path)}
		c.addEnvCopy(kind+"\x00"+f.Path, &envFileCopy{d: d, path: path, services: []string{service}})
	}
}

// envFileMissing warns, once per env file, about an optional env file
// (required: false) that did not exist at import: docker compose reads it
// once it is created, berth's source never will.
func (c *converter) envFileMissing(service string, f types.EnvFile, path string) {
	if f.Required || c.envCopies["env_file\x00"+f.Path] != nil {
		return
	}
	if _, err := os.Stat(f.Path); err == nil {
		return
	}
	d := &hcl.Diagnostic{Severity: hcl.DiagWarning, Summary: "Optional env_file missing at import",
		Detail:  fmt.Sprintf("The env file %s of %q is optional (required: false) and did not exist at import, so none of its values are in the berth source. docker compose reads it once it is created; berth does not: add its values to env, or create it and import again.", path, service),
		Subject: c.fileItemAt(service, "env_file", f.Path)}
	c.addEnvCopy("env_file\x00"+f.Path, &envFileCopy{d: d, path: path, services: []string{service}})
}

func (c *converter) addEnvCopy(path string, w *envFileCopy) {
	if c.envCopies == nil {
		c.envCopies = map[string]*envFileCopy{}
	}
	c.envCopies[path] = w
	c.diags = append(c.diags, w.d)
}

// nameEnvFileReaders adds to each env file's warning the other services
// whose values were copied from it.
func (c *converter) nameEnvFileReaders() {
	for _, w := range c.envCopies {
		if others := w.services[1:]; len(others) > 0 {
			w.d.Detail += fmt.Sprintf(" %s %s %s too.", pick(len(others) == 1, "The service", "The services"), quoteList(others), pick(len(others) == 1, "reads it", "read it"))
		}
	}
}

// fileItemAt returns the range of the item of service's env_file (or
// label_file: kind) that names the file path (absolute, as compose-go
// resolves it), or of the key when no item is found.
func (c *converter) fileItemAt(service, kind, path string) *hcl.Range {
	files := c.src.all()
	for i := len(files) - 1; i >= 0; i-- {
		file, key, val := c.src.pairIn(files[i], []string{"services", service, kind}, 0)
		if key == nil {
			continue
		}
		items := []*yaml.Node{val}
		if val != nil && val.Kind == yaml.SequenceNode {
			items = val.Content
		}
		for _, item := range items {
			if item = deref(item); item != nil && item.Kind == yaml.MappingNode {
				_, item = lookup(item, "path", 0)
			}
			if item == nil || item.Kind != yaml.ScalarNode {
				continue
			}
			p := item.Value
			if !filepath.IsAbs(p) {
				p = filepath.Join(filepath.Dir(file), p)
			}
			if a, err := filepath.Abs(p); err == nil && a == path {
				return c.src.nodeRange(file, item)
			}
		}
		return c.src.nodeRange(file, key)
	}
	return nil
}
