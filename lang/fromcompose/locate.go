package fromcompose

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"go.yaml.in/yaml/v4"
)

// Sources are the Compose files as read, to point diagnostics at keys.
type Sources struct {
	Files []string
	Bytes map[string][]byte
	trees map[string]*yaml.Node
	// included is all(): Files and the files they include.
	included []string
	// envFiles are the .env file and the services' env_file files, which
	// compose-go interpolates too: a variable they use is found there.
	envFiles []string
	// dotEnv are the env files given with --env-file, read instead of
	// the .env beside the first file.
	dotEnv []string
}

// interpolationEnvFiles are the files of variables for interpolation:
// those of --env-file, else the .env beside the first Compose file.
func (s *Sources) interpolationEnvFiles() []string {
	if len(s.dotEnv) > 0 {
		return s.dotEnv
	}
	if len(s.Files) == 0 {
		return nil
	}
	return []string{filepath.Join(filepath.Dir(s.Files[0]), ".env")}
}

// At returns the range of the key at path (services, web, privileged) in
// the last file that has it: the override that set it. A service's key
// that only the service it extends has is found there. nil when no file
// has the key (a default).
func (s *Sources) At(path ...string) *hcl.Range {
	if s == nil {
		return nil
	}
	files := s.all()
	for i := len(files) - 1; i >= 0; i-- {
		if r := s.atIn(files[i], path, 0); r != nil {
			return r
		}
	}
	return nil
}

// atIn looks for path in file f, then in the service that the service of
// path extends.
func (s *Sources) atIn(f string, path []string, depth int) *hcl.Range {
	if file, key, _ := s.pairIn(f, path, depth); key != nil {
		return s.nodeRange(file, key)
	}
	return nil
}

// pairIn returns the key and value nodes at path in file f, or in the
// service that the service of path extends (and the file that holds
// them); nils when neither has it.
func (s *Sources) pairIn(f string, path []string, depth int) (string, *yaml.Node, *yaml.Node) {
	if k, v := findPair(s.tree(f), path); k != nil {
		return f, k, v
	}
	if len(path) < 3 || path[0] != "services" || depth > 8 {
		return "", nil, nil
	}
	_, ext := findPair(s.tree(f), []string{"services", path[1], "extends"})
	if ext == nil {
		return "", nil, nil
	}
	base, file := ext.Value, f
	if ext.Kind == yaml.MappingNode {
		_, sv := findPair(ext, []string{"service"})
		_, fv := findPair(ext, []string{"file"})
		if sv == nil {
			return "", nil, nil
		}
		base = sv.Value
		if fv != nil {
			file = filepath.Join(filepath.Dir(f), fv.Value)
			if _, ok := s.Bytes[file]; !ok {
				b, err := os.ReadFile(file)
				if err != nil {
					return "", nil, nil
				}
				s.Bytes[file] = b
			}
		}
	}
	return s.pairIn(file, append([]string{"services", base}, path[2:]...), depth+1)
}

// nodeRange is the range of a scalar node of f (a key, or a list item).
func (s *Sources) nodeRange(f string, n *yaml.Node) *hcl.Range {
	r := s.lineRange(f, n.Line, n.Column)
	r.End.Column += len(n.Value)
	r.End.Byte += len(n.Value)
	return &r
}

func (s *Sources) tree(f string) *yaml.Node {
	if s.trees == nil {
		s.trees = map[string]*yaml.Node{}
	}
	if t, ok := s.trees[f]; ok {
		return t
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(s.Bytes[f], &doc); err != nil {
		doc = yaml.Node{}
	}
	s.trees[f] = &doc
	return &doc
}

// find returns the key node at path, or nil.
func find(n *yaml.Node, path []string) *yaml.Node {
	key, _ := findPair(n, path)
	return key
}

// findPair returns the key node at path and its value, or nils. It
// follows YAML aliases and merge keys (<<: *defaults), so a key that a
// service takes from an anchor is found where the anchor writes it.
func findPair(n *yaml.Node, path []string) (key, val *yaml.Node) {
	if n == nil {
		return nil, nil
	}
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	for _, p := range path {
		key, n = lookup(n, p, 0)
		if key == nil {
			return nil, nil
		}
	}
	return key, n
}

// lookup returns the entry p of mapping n, directly or through its merge
// keys (depth bounds alias loops).
func lookup(n *yaml.Node, p string, depth int) (key, val *yaml.Node) {
	n = deref(n)
	if n != nil && n.Kind == yaml.SequenceNode {
		// a list of names or of NAME=value (environment, depends_on):
		// the item that names p; or of long-form items (secrets,
		// configs, volumes): the item whose source is p
		for _, item := range n.Content {
			if item = deref(item); item != nil && item.Kind == yaml.ScalarNode && (item.Value == p || strings.HasPrefix(item.Value, p+"=")) {
				return item, item
			}
			if item != nil && item.Kind == yaml.MappingNode {
				if _, src := lookup(item, "source", depth+1); src != nil && src.Kind == yaml.ScalarNode && src.Value == p {
					return src, item
				}
			}
		}
		return nil, nil
	}
	if n == nil || n.Kind != yaml.MappingNode || depth > 16 {
		return nil, nil
	}
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		switch k := n.Content[i]; {
		case k.Value == p:
			return k, deref(n.Content[i+1])
		case k.Value == "<<" && k.Tag != "!!str":
			if m := deref(n.Content[i+1]); m != nil && m.Kind == yaml.SequenceNode {
				merges = append(merges, m.Content...)
			} else {
				merges = append(merges, m)
			}
		}
	}
	for _, m := range merges {
		if k, v := lookup(m, p, depth+1); k != nil {
			return k, v
		}
	}
	return nil, nil
}

func deref(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < 16; i++ {
		n = n.Alias
	}
	return n
}

// lineRange is the range of one character at line:col of f (1-based),
// with its byte offset.
func (s *Sources) lineRange(f string, line, col int) hcl.Range {
	b := s.Bytes[f]
	off := 0
	for l := 1; l < line && off < len(b); l++ {
		i := bytes.IndexByte(b[off:], '\n')
		if i < 0 {
			off = len(b)
			break
		}
		off += i + 1
	}
	off = min(off+col-1, len(b))
	p := hcl.Pos{Line: line, Column: col, Byte: off}
	end := p
	end.Column++
	end.Byte = min(off+1, len(b))
	return hcl.Range{Filename: f, Start: p, End: end}
}

// offsetRange is the range of n bytes at byte offset off of f.
func (s *Sources) offsetRange(f string, off, n int) *hcl.Range {
	b := s.Bytes[f]
	line := 1 + bytes.Count(b[:off], []byte("\n"))
	col := off - (bytes.LastIndexByte(b[:off], '\n') + 1) + 1
	r := s.lineRange(f, line, col)
	r.End.Column += n - 1
	r.End.Byte = min(off+n, len(b))
	return &r
}

// itemAt returns the range of the i-th item of the list at
// services.<service>.<key> (its first key, for a long-form item), when
// the list the files write has n items, as many as compose-go read
// (ranges and merged files can make them differ); else of the key.
func (c *converter) itemAt(service, key string, i, n int) *hcl.Range {
	files := c.src.all()
	for j := len(files) - 1; j >= 0; j-- {
		f, k, v := c.src.pairIn(files[j], []string{"services", service, key}, 0)
		if k == nil {
			continue
		}
		if v == nil || v.Kind != yaml.SequenceNode || len(v.Content) != n {
			return c.src.nodeRange(f, k)
		}
		item := deref(v.Content[i])
		if item != nil && item.Kind == yaml.MappingNode && len(item.Content) > 0 {
			item = item.Content[0]
		}
		if item == nil {
			return c.src.nodeRange(f, k)
		}
		return c.src.nodeRange(f, item)
	}
	return nil
}
