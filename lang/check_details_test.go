package lang

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/hcl/v2"
)

// TestDiagnosticDetails checks, beyond the markers of TestErrorFiles, what
// a diagnostic points at (the source text under its range) and that its
// detail gives the fix.
func TestDiagnosticDetails(t *testing.T) {
	tests := []struct {
		dir, summary string
		line         int
		subject      string // the source text under the range; "" = not checked
		detail       []string
	}{
		{"endpoints", "Unknown endpoint", 4, `"gett"`, []string{`Did you mean "get"?`}},
		{"endpoints", "Unknown endpoint", 12, `"handle"`, []string{`Its endpoints are: "get".`}},
		{"endpoints", "Unknown endpoint", 21, `"lst"`, []string{`The load names the endpoint "lst"`, `Did you mean "list"?`}},
		{"endpoints", "Unknown endpoint", 27, `"lisst"`, nil},
		{"duplicate_across_files", "Duplicate service name", 1, "", []string{"already declared at duplicate_across_files/a.berth.hcl:1:1."}},
		{"fleet_refs", "Call to a for_each service", 7, `call "shard"`, []string{
			`"shard" is declared with for_each, so it is not one service but 2 instances: "shard-eu", "shard-us".`,
			`like call "shard-eu" {}`}},
		{"fleet_refs", "Reference to a for_each service", 17, `"shard"`, []string{`Name one instance, like "shard-eu".`}},
		{"fleet_refs", "Incorrect attribute value type", 22, "service.shard", []string{`not a for_each service, which is a map of its instances ("shard-eu", "shard-us"); name one instance, like "shard-eu".`}},
		{"fleet_refs", "Incorrect attribute value type", 28, "service.shard", []string{`service must be a name`, `name one instance, like "shard-eu"`}},
		{"dotted_names", "Reference to undeclared service", 7, "service.api.v2", []string{`but "api.v2" is`, `Write the name as a string, "api.v2"`}},
		{"fleet_links", "Overlapping links", 40, "", []string{"fleet_links/main.berth.hcl:39:1", "edge-a -> shard-eu"}},
		{"link_hints", "Unsupported argument", 11, "retries", []string{"use retry { attempts = 4 } for 3 retries"}},
		{"link_hints", "Unsupported argument", 12, "failure_rate", []string{"circuit_breaker { failure_rate = ... }"}},
		{"link_hints", "Missing required argument", 21, "", []string{`"at" is required`}},
		{"link_hints", "Unsupported argument", 29, "timeout", []string{`link "CALLER" "CALLEE" { timeout = "300ms" }`}},
		{"link_hints", "Unsupported block type", 30, "retry", []string{`link "CALLER" "CALLEE" { retry { attempts = 3 } }`}},
		{"unused", "Link without calls", 18, `"orders" "gateway"`, []string{"The calls go the other way", "Swap the labels."}},
		{"unused", "Link without calls", 19, `"gateway" "users"`, []string{`No call goes from "gateway" to "users"`}},
		{"unused", "Queue without consumers", 23, "", []string{`consume "order-events" {}`}},
		{"unused", "Every endpoint weighs 0", 10, "0", []string{`Every endpoint of service "orders" has weight 0`}},
		{"foreign_names", "Unsupported argument", 3, "count", []string{"replicas = N"}},
		{"foreign_names", "Unsupported argument", 4, "ports", []string{"port { published = 8080  target = 80 }"}},
		{"foreign_names", "Unsupported argument", 5, "environment", []string{`env = { KEY = "value" }`}},
		{"foreign_names", "Unsupported block type", 6, "deploy", []string{"replicas is an argument of the service"}},
		{"foreign_names", "Unsupported block type", 9, "lifecycle", []string{"berth plan shows every replacement"}},
		{"foreign_names", "Unsupported block type", 14, "resource", []string{`service "NAME" {} block`}},
		{"unsupported", "Unsupported argument", 2, "replica", []string{`Did you mean "replicas"?`}},
		{"unsupported", "Unsupported argument", 4, "threads", []string{"Arguments here: model, queue, service_time, startup, workers."}},
		{"weights", "No endpoint to load", 11, "", []string{`Load "by-weight" enters service "api" without naming an endpoint`, `endpoint = "a"`}},
	}
	loaded := map[string]hcl.Diagnostics{}
	sources := map[string]map[string][]byte{}
	for _, tt := range tests {
		diags, ok := loaded[tt.dir]
		if !ok {
			fsys, dir := errorCase(t, filepath.Join("testdata/errors", tt.dir), true)
			_, diags = NewLoader().Load(dir, Options{FS: fsys, Environ: []string{}})
			loaded[tt.dir] = diags
			sources[tt.dir] = map[string][]byte{}
			for name, f := range fsys {
				sources[tt.dir][name] = f.Data
			}
		}
		d := findDiag(diags, tt.summary, tt.line)
		if d == nil {
			t.Errorf("%s: no %q on line %d in:\n%s", tt.dir, tt.summary, tt.line, diagText(diags))
			continue
		}
		if tt.subject != "" {
			src := sources[tt.dir][d.Subject.Filename]
			if got := string(d.Subject.SliceBytes(src)); got != tt.subject {
				t.Errorf("%s: %q points at %q, want %q", tt.dir, tt.summary, got, tt.subject)
			}
		}
		for _, want := range tt.detail {
			if !strings.Contains(d.Detail, want) {
				t.Errorf("%s: %q detail %q does not say %q", tt.dir, tt.summary, d.Detail, want)
			}
		}
	}
}

func findDiag(diags hcl.Diagnostics, summary string, line int) *hcl.Diagnostic {
	for _, d := range diags {
		if d.Summary == summary && d.Subject != nil && d.Subject.Start.Line == line {
			return d
		}
	}
	return nil
}

// TestFleetLinks: a link naming a for_each service becomes one link per
// instance with the same policy; a link naming an instance overrides it.
func TestFleetLinks(t *testing.T) {
	fsys, dir := errorCase(t, "testdata/errors/fleet_links", true)
	spec, _ := NewLoader().Load(dir, Options{FS: fsys, Environ: []string{}})
	if spec == nil {
		t.Fatal("no spec")
	}
	want := map[LinkKey]time.Duration{
		{"router", "shard-eu"}: time.Second,
		{"router", "shard-us"}: 2 * time.Second,
		{"shard-eu", "db"}:     500 * time.Millisecond,
		{"shard-us", "db"}:     500 * time.Millisecond,
		{"edge-a", "shard-eu"}: 0, // from link "edge" "shard-eu"; link "edge-a" "shard" overlaps it
		{"edge-a", "shard-us"}: 0, // from link "edge-a" "shard", which no call takes
	}
	for k, timeout := range want {
		l := spec.Links[k]
		switch {
		case l == nil:
			t.Errorf("no link %v", k)
		case l.Implicit || l.Timeout != timeout || l.From != k.From || l.To != k.To:
			t.Errorf("link %v = %+v, want declared with timeout %s", k, l, timeout)
		}
	}
	if len(spec.Links) != len(want) {
		t.Errorf("spec has %d links, want %d: %v", len(spec.Links), len(want), keysOfLinks(spec))
	}
	if spec.Links[LinkKey{"shard-eu", "db"}] == spec.Links[LinkKey{"shard-us", "db"}] {
		t.Error("the instances of a fleet link share one *Link; each needs its own")
	}
}

func keysOfLinks(s *Spec) []LinkKey {
	var out []LinkKey
	for k := range s.Links {
		out = append(out, k)
	}
	return out
}

func TestUnknownEnumArticle(t *testing.T) {
	for what, want := range map[string]string{
		"update order":    `"x" is not an update order;`,
		"arrival process": `"x" is not an arrival process;`,
		"backend":         `"x" is not a backend;`,
	} {
		if d := unknownEnum(hcl.Range{}, what, "x", []string{"a"}); !strings.Contains(d.Detail, want) {
			t.Errorf("unknownEnum(%q) detail %q, want %q", what, d.Detail, want)
		}
	}
}
