package fromcompose

import (
	"bytes"

	"github.com/hashicorp/hcl/v2"
	"go.yaml.in/yaml/v4"
)

// Sources are the Compose files as read, to point diagnostics at keys.
type Sources struct {
	Files []string
	Bytes map[string][]byte
	trees map[string]*yaml.Node
}

// At returns the range of the key at path (services, web, privileged) in
// the last file that has it: the override that set it. nil when no file
// has the key (it came from extends, or a default).
func (s *Sources) At(path ...string) *hcl.Range {
	if s == nil {
		return nil
	}
	for i := len(s.Files) - 1; i >= 0; i-- {
		f := s.Files[i]
		if n := find(s.tree(f), path); n != nil {
			r := s.lineRange(f, n.Line, n.Column)
			r.End.Column += len(n.Value)
			r.End.Byte += len(n.Value)
			return &r
		}
	}
	return nil
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
	if n == nil {
		return nil
	}
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	var key *yaml.Node
	for _, p := range path {
		if n == nil || n.Kind != yaml.MappingNode {
			return nil
		}
		var next *yaml.Node
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == p {
				key, next = n.Content[i], n.Content[i+1]
				break
			}
		}
		if next == nil {
			return nil
		}
		n = next
	}
	return key
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
