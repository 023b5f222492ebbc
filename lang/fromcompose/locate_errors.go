package fromcompose

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/hashicorp/hcl/v2"
	"go.yaml.in/yaml/v4"
)

// errorLocators find what a compose-go error that names no line is about:
// a service's reference, a decoded key, or a value quoted in the message.
var errorLocators = []struct {
	re *regexp.Regexp
	at func(s *Sources, m []string) *hcl.Range
}{
	{regexp.MustCompile(`service "([^"]+)" refers to undefined (network|volume|secret|config) "?([^\s":]+)`),
		func(s *Sources, m []string) *hcl.Range { return s.itemAt(m[3], "services", m[1], m[2]+"s") }},
	{regexp.MustCompile(`service "([^"]+)" depends on undefined service "?([^\s":]+)`),
		func(s *Sources, m []string) *hcl.Range { return s.itemAt(m[2], "services", m[1], "depends_on") }},
	{regexp.MustCompile(`dependency cycle detected: (\S+) ->`),
		func(s *Sources, m []string) *hcl.Range { return s.At("services", m[1], "depends_on") }},
	// 'services.web: can't set distinct values on 'mem_limit' and
	// 'deploy.resources.limits.memory'': at the first of the two keys
	{distinctRE, func(s *Sources, m []string) *hcl.Range { return s.At("services", m[1], m[2]) }},
	// decoding errors: 'services[web].healthcheck.interval' ...
	{regexp.MustCompile(`'([a-z_]+)\[([^\]]+)\]\.([^']+)'`),
		func(s *Sources, m []string) *hcl.Range {
			return s.deepest(append([]string{m[1], m[2]}, keyPath(m[3])...))
		}},
	// a long-syntax mount without its source: the first entry of that type
	{regexp.MustCompile(`invalid mount config for type "(\w+)"`),
		func(s *Sources, m []string) *hcl.Range {
			return firstRange(s.textAt("type: "+m[1]), s.textAt(`type: "`+m[1]+`"`), s.textAt("type: '"+m[1]+"'"))
		}},
	{regexp.MustCompile(`(?:env file|open) (\S+?):? (?:not found|no such file)`),
		func(s *Sources, m []string) *hcl.Range { return s.textAt(filepath.Base(m[1])) }},
	{regexp.MustCompile(`invalid spec: (.*): `),
		func(s *Sources, m []string) *hcl.Range {
			if r := s.textAt(m[1]); r != nil {
				return r // the spec as written, after the variable that came out empty
			}
			return s.textAt(longest(strings.Split(m[1], ":")))
		}},
	{ipAddressRE, func(s *Sources, m []string) *hcl.Range { return firstRange(s.textAt(m[1]), s.dotEnvValue(m[1])) }},
	{regexp.MustCompile(`Invalid ranges specified for container and host Ports: (\S+) and (\S+?)\.?$`),
		func(s *Sources, m []string) *hcl.Range { return s.textAt(m[2] + ":" + m[1]) }},
	{regexp.MustCompile(`Invalid (?:hostPort|containerPort|port|ip|proto)[^:]*: (\S+)`),
		func(s *Sources, m []string) *hcl.Range { return s.textAt(m[1]) }},
	// schema and interpolation errors: 'services.web.scale: must be ...',
	// 'invalid interpolation format for services.web.environment.B'
	{regexp.MustCompile(`(?:^|\s)((?:services|networks|volumes|secrets|configs)\.[^\s:']+)`),
		func(s *Sources, m []string) *hcl.Range {
			return s.deepest(s.rejoin(strings.Split(strings.TrimSuffix(m[1], "."), ".")))
		}},
	{regexp.MustCompile("service \"?([^\\s\"]+)\"? declares mutually exclusive `([a-z_]+)`"),
		func(s *Sources, m []string) *hcl.Range { return s.At("services", m[1], m[2]) }},
	{regexp.MustCompile(`service "([^"]+)"|service ([A-Za-z0-9][\w.-]*) `),
		func(s *Sources, m []string) *hcl.Range { return s.At("services", m[1]+m[2]) }},
}

// ipAddressRE is compose-go's error for a port's host IP that is not one
// (an IPv6 address without brackets, or a variable's value).
var ipAddressRE = regexp.MustCompile(`Invalid ip address (\S+): `)

// dotEnvValue returns the range of the value v of a variable set in the
// .env file beside the first Compose file (registered for the snippet),
// where a value interpolated into the file comes from; nil if none is.
func (s *Sources) dotEnvValue(v string) *hcl.Range {
	if v == "" {
		return nil
	}
	re := regexp.MustCompile(`(?m)^[ \t]*(?:export[ \t]+)?[A-Za-z_][A-Za-z0-9_.]*[ \t]*=[ \t]*["']?(` + regexp.QuoteMeta(v) + `)["']?[ \t]*$`)
	for _, f := range s.interpolationEnvFiles() {
		f = s.display(f)
		if _, ok := s.Bytes[f]; !ok {
			b, err := os.ReadFile(f)
			if err != nil {
				continue
			}
			s.Bytes[f] = b
		}
		if m := re.FindSubmatchIndex(s.Bytes[f]); m != nil {
			return s.offsetRange(f, m[2], m[3]-m[2])
		}
	}
	return nil
}

// distinctRE is compose-go's error for a limit set twice, by the
// service's key and by deploy.resources, to different values.
var distinctRE = regexp.MustCompile(`services\.(\S+): can't set distinct values on '([a-z_]+)' and '([a-z_.]+)'`)

// subjectOf returns where in the files a compose-go error points, or nil.
func (s *Sources) subjectOf(msg string) *hcl.Range {
	for _, l := range errorLocators {
		if m := l.re.FindStringSubmatch(msg); m != nil {
			if r := l.at(s, m); r != nil {
				return r
			}
		}
	}
	return nil
}

// itemAt returns the range of the entry name (a list item, or "name:...",
// or a key) under the key at path, else the key's.
func (s *Sources) itemAt(name string, path ...string) *hcl.Range {
	files := s.all()
	for i := len(files) - 1; i >= 0; i-- {
		f := files[i]
		key, val := findPair(s.tree(f), path)
		if key == nil {
			continue
		}
		for j, n := range val.Content {
			if val.Kind == yaml.MappingNode && j%2 == 1 {
				continue
			}
			if n.Value == name || strings.HasPrefix(n.Value, name+":") {
				return s.nodeRange(f, n)
			}
		}
		return s.nodeRange(f, key)
	}
	return nil
}

// rejoin puts back together the name after the top-level key that a
// dotted path split (services.meet.jitsi.scale: the service meet.jitsi),
// the longest name a file declares; path as it is when none does.
func (s *Sources) rejoin(path []string) []string {
	for j := len(path); j > 2; j-- {
		name := strings.Join(path[1:j], ".")
		if s.At(path[0], name) != nil {
			return append([]string{path[0], name}, path[j:]...)
		}
	}
	return path
}

// deepest returns the range of the longest prefix of path that a file has.
func (s *Sources) deepest(path []string) *hcl.Range {
	for n := len(path); n > 0; n-- {
		if r := s.At(path[:n]...); r != nil {
			return r
		}
	}
	return nil
}

// textAt returns the range of the first occurrence of text in the files,
// the last file first (the override that set it), or nil.
func (s *Sources) textAt(text string) *hcl.Range {
	if len(text) < 2 {
		return nil
	}
	files := s.all()
	for i := len(files) - 1; i >= 0; i-- {
		b := string(s.Bytes[files[i]])
		for from := 0; ; {
			off := strings.Index(b[from:], text)
			if off < 0 {
				break
			}
			off += from
			if !inComment(b, off) {
				return s.offsetRange(files[i], off, len(text))
			}
			from = off + 1
		}
	}
	return nil
}

// inComment tells whether the byte at off of the YAML text b is in a
// comment: after a # that starts the line or follows a blank, outside
// quotes (counted on the line, which is enough for the values compose-go
// quotes back in its errors).
func inComment(b string, off int) bool {
	line := b[strings.LastIndexByte(b[:off], '\n')+1 : off]
	var quote byte
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t'):
			return true
		}
	}
	return false
}

func longest(parts []string) string {
	l := ""
	for _, p := range parts {
		if len(p) > len(l) {
			l = p
		}
	}
	return l
}
