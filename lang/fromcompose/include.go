package fromcompose

import (
	"os"
	"path/filepath"

	"go.yaml.in/yaml/v4"
)

// all returns the Compose files and the files they include (include:,
// read once), each included file before the file that includes it, so
// that the locator finds the keys of included services too.
func (s *Sources) all() []string {
	if s.included != nil {
		return s.included
	}
	seen := map[string]bool{}
	var out []string
	var walk func(f string, depth int)
	walk = func(f string, depth int) {
		if seen[f] || depth > 8 {
			return
		}
		seen[f] = true
		for _, inc := range includes(s.tree(f)) {
			p := inc
			if !filepath.IsAbs(p) {
				p = filepath.Join(filepath.Dir(f), p)
			}
			if _, ok := s.Bytes[p]; !ok {
				b, err := os.ReadFile(p)
				if err != nil {
					continue
				}
				s.Bytes[p] = b
			}
			walk(p, depth+1)
		}
		out = append(out, f)
	}
	for _, f := range s.Files {
		walk(f, 0)
	}
	s.included = out
	return out
}

// includes lists the paths of a file's include: entries, short (a path)
// or long (path: one or a list).
func includes(doc *yaml.Node) []string {
	_, inc := findPair(doc, []string{"include"})
	if inc == nil || inc.Kind != yaml.SequenceNode {
		return nil
	}
	var out []string
	for _, e := range inc.Content {
		if e.Kind == yaml.ScalarNode {
			out = append(out, e.Value)
			continue
		}
		_, p := findPair(e, []string{"path"})
		switch {
		case p == nil:
		case p.Kind == yaml.ScalarNode:
			out = append(out, p.Value)
		case p.Kind == yaml.SequenceNode:
			for _, q := range p.Content {
				out = append(out, q.Value)
			}
		}
	}
	return out
}
