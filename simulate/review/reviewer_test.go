package review

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/google/go-cmp/cmp"
)

// srcSide loads one main.berth.hcl from dir.
func srcSide(t *testing.T, dir, src string) Side {
	t.Helper()
	return side(t, dir, dir, fstest.MapFS{dir + "/main.berth.hcl": {Data: []byte(src)}})
}

func changeLines(r *Review) []string {
	var got []string
	for _, c := range r.Changes {
		got = append(got, c.String())
	}
	return got
}

// TestStructuralDiffWhatChanged: what a reviewer sees is what changed in
// meaning, each value as one readable value.
func TestStructuralDiffWhatChanged(t *testing.T) {
	const base = `
service "api" {
  capacity {
    workers      = 4
    service_time = "%s"
  }
  endpoint "get" {
    service_time = "%s"
  }
}
config "nginx" {
  content = "%s"
}
load "peak" {
  entry    = service.api
  rate     = 10
  duration = "%s"
}
`
	tests := []struct {
		name     string
		old, new [4]string // capacity and endpoint service times, config content, load duration
		want     []string
	}{
		// A distribution written another way is the same distribution,
		// as a duration written "60s" or "1m" is the same duration.
		{"same distributions written differently",
			[4]string{"lognormal(1ms, 5ms)", "exp(2ms)", "a", "60s"},
			[4]string{"lognormal(1ms,5ms)", "exp(2000us)", "a", "1m"}, nil},
		{"a distribution changed",
			[4]string{"lognormal(1ms, 5ms)", "exp(2ms)", "a", "60s"},
			[4]string{"lognormal(1ms, 6ms)", "exp(2ms)", "a", "60s"},
			[]string{"update service.api\n  capacity.service_time: \"lognormal(1ms, 5ms)\" → \"lognormal(1ms, 6ms)\""}},
		// A config's content is one text, not one attribute per byte
		// ("content.0: 115").
		{"config content",
			[4]string{"exp(1ms)", "exp(2ms)", "listen 80;", "60s"},
			[4]string{"exp(1ms)", "exp(2ms)", "listen 81;", "60s"},
			[]string{"update config.nginx\n  content: \"listen 80;\" → \"listen 81;\""}},
		// A duration reads as written short, not "1m30s0s"-like noise.
		{"duration",
			[4]string{"exp(1ms)", "exp(2ms)", "a", "60s"},
			[4]string{"exp(1ms)", "exp(2ms)", "a", "2m"},
			[]string{"update load.peak\n  duration: \"1m\" → \"2m\""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := func(v [4]string) string { return fmt.Sprintf(base, v[0], v[1], v[2], v[3]) }
			r, diags := Build(srcSide(t, "old", src(tt.old)), srcSide(t, "new", src(tt.new)), Options{NoSimulation: true})
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			if d := cmp.Diff(tt.want, changeLines(r)); d != "" {
				t.Errorf("changes (-want +got):\n%s", d)
			}
		})
	}
}

// TestStructuralDiffNoBookkeeping: a service given a value from a
// sensitive variable shows that value as sensitive, and not the list of
// hidden paths the model keeps ("sensitive: [env.KEY]").
func TestStructuralDiffNoBookkeeping(t *testing.T) {
	r, diags := Build(sensitiveSide(t, "old", "k1", ""),
		sensitiveSide(t, "new", "k1", `service "web" {
  env = { TOKEN = var.jwt_key }
}`), Options{NoSimulation: true})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	for _, c := range r.Changes {
		for _, a := range c.Attributes {
			if a.Attribute == "sensitive" {
				t.Errorf("%s has the attribute %q: %v", c.Address, a.Attribute, a.After)
			}
			if strings.Contains(fmt.Sprint(a.Before, a.After), "k1") {
				t.Errorf("%s %s shows the value", c.Address, a.Attribute)
			}
		}
	}
	if got := changeLines(r); len(got) != 1 || !strings.Contains(got[0], "\n  env.TOKEN: (sensitive value set)\n") {
		t.Errorf("changes: %q", got)
	}
}

// TestStructuralDiffMorePositions: an slo's bound is an attribute of its
// block (no expect block around it), a step of a load points at its step
// block, and a link to a for_each instance points at the link block it
// comes from; a flow that fans out wide is shown, not hashed.
func TestStructuralDiffMorePositions(t *testing.T) {
	const src = `
variable "shards" {
  default = %s
}
service "shard" {
  for_each = toset(var.shards)
}
service "search" {
  endpoint "query" {
    parallel {
      dynamic "call" {
        for_each = var.shards
        labels   = ["shard-${call.value}"]
        content {
          fallback = "skip"
        }
      }
    }
  }
}
link "search" "shard" {
  timeout = "%s"
}
load "peak" {
  entry = service.search
  rate  = 10
  step {
    at   = "%s"
    rate = 20
  }
}
slo "fast" {
  service = "search"
  p99     = "%s"
}
`
	shards := `["aaaaaaaa", "bbbbbbbb", "cccccccc", "dddddddd", "eeeeeeee"]`
	old := srcSide(t, "old", fmt.Sprintf(src, shards, "100ms", "10s", "300ms"))
	more := `["aaaaaaaa", "bbbbbbbb", "cccccccc", "dddddddd", "eeeeeeee", "ffffffff"]`
	newSrc := fmt.Sprintf(src, more, "80ms", "20s", "200ms")
	new := srcSide(t, "new", newSrc)
	r, diags := Build(old, new, Options{NoSimulation: true})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	line := func(text string) string {
		for i, l := range strings.Split(newSrc, "\n") {
			if strings.Contains(l, text) {
				return fmt.Sprintf("new/main.berth.hcl:%d", i+1)
			}
		}
		t.Fatalf("no %q", text)
		return ""
	}
	want := map[string]string{
		"slo.fast p99":                        line(`p99     = "200ms"`),
		"load.peak profile.steps.0.at":        line(`at   = "20s"`),
		"link.search->shard-aaaaaaaa timeout": line(`timeout = "80ms"`),
		"link.search->shard-ffffffff timeout": line(`timeout = "80ms"`),
		"service.search endpoints.query.flow": line(`endpoint "query"`),
		"link.search->shard-eeeeeeee timeout": line(`timeout = "80ms"`),
		"service.shard-ffffffff block_name":   line(`service "shard"`),
	}
	n := 0
	for _, c := range r.Changes {
		for _, a := range c.Attributes {
			k := c.Address + " " + a.Attribute
			if w, ok := want[k]; ok {
				n++
				if a.Pos != w {
					t.Errorf("%s at %q, want %q", k, a.Pos, w)
				}
			}
			if k == "service.search endpoints.query.flow" && strings.Contains(a.text(nil), "sha256") {
				t.Errorf("the flow is hashed: %s", a.text(nil))
			}
		}
	}
	if n != len(want) {
		t.Errorf("found %d of the %d attributes:\n%s", n, len(want), strings.Join(changeLines(r), "\n"))
	}
}

// oddSrc names its load and scenario with characters that mean something
// in markdown and HTML, and sets an env value holding backticks.
const oddSrc = "service \"api\" {\n" +
	"  env = { MSG = \"a|b `%s`\" }\n" +
	"  capacity {\n    workers      = %d\n    service_time = \"exp(5ms)\"\n  }\n}\n" +
	"load \"peak|2 `x`\" {\n  entry    = service.api\n  rate     = 50\n  duration = \"5s\"\n}\n" +
	"scenario \"loss | <b>big</b> *now*\" {\n  load = load[\"peak|2 `x`\"]\n  expect {\n    p99 = \"1ms\"\n  }\n}\n"

// TestMarkdownOddNames: every row of the deltas table has its six cells
// whatever the names hold, no name renders as HTML, and a value with
// backticks stays one code span.
func TestMarkdownOddNames(t *testing.T) {
	old := srcSide(t, "old", fmt.Sprintf(oddSrc, "c", 4))
	new := srcSide(t, "new", fmt.Sprintf(oddSrc, "d", 2))
	r, diags := Build(old, new, Options{Replications: 1, Duration: 5 * time.Second, Seed: 1})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	var b bytes.Buffer
	if err := r.WriteMarkdown(&b); err != nil {
		t.Fatal(err)
	}
	md := b.String()
	unescapedPipe := regexp.MustCompile(`(^|[^\\])\|`)
	rows := 0
	for _, l := range strings.Split(md, "\n") {
		if !strings.HasPrefix(l, "| ") {
			continue
		}
		rows++
		if n := len(unescapedPipe.FindAllString(l, -1)); n != 7 {
			t.Errorf("%d cell borders, want 7: %s", n, l)
		}
	}
	if rows == 0 {
		t.Fatalf("no table:\n%s", md)
	}
	if strings.Contains(md, "<b>") {
		t.Errorf("a name renders as HTML:\n%s", md)
	}
	if !strings.Contains(md, "``\"a|b `c`\"`` → ``\"a|b `d`\"``") {
		t.Errorf("the env change is not two code spans:\n%s", md)
	}
	if !strings.Contains(md, `| scenario loss \| &lt;b&gt;big&lt;/b&gt; \*now\* | p50 |`) {
		t.Errorf("the scenario's row:\n%s", md)
	}
}

func TestCodeSpan(t *testing.T) {
	for in, want := range map[string]string{
		"plain":      "`plain`",
		"a `b` c":    "``a `b` c``",
		"`x`":        "`` `x` ``",
		"a ``b`` c":  "```a ``b`` c```",
		`"a|b"`:      "`\"a|b\"`",
		"":           "``",
		"ends with`": "`` ends with` ``",
	} {
		if got := code(in); got != want {
			t.Errorf("code(%q) = %s, want %s", in, got, want)
		}
	}
}

// TestLateFaultNotes: a scenario whose fault starts after its run ends
// (--duration shorter than the fault's at) simulates its load without
// the failure; the review says so, once for a fault both sides have, and
// naming the side for one only one side has.
func TestLateFaultNotes(t *testing.T) {
	const src = `
service "api" {
  replicas = 2
  capacity {
    service_time = "exp(1ms)"
  }
}
load "peak" {
  entry    = service.api
  rate     = 20
  duration = "30s"
}
scenario "loss" {
  load = load.peak
  fault "kill" {
    service = "api"
    at      = "%s"
  }
}
`
	old := srcSide(t, "old", fmt.Sprintf(src, "8s"))
	new := srcSide(t, "new", fmt.Sprintf(src, "12s"))
	for _, tt := range []struct {
		duration time.Duration
		want     []string
	}{
		{0, []string{}},
		{20 * time.Second, []string{}},
		{10 * time.Second, []string{"scenario loss: its kill fault at 12s never fires, since the run ends at 10s (--duration 10s); its deltas are those of the run without it (new only)"}},
		{5 * time.Second, []string{"scenario loss: its kill fault at 8s never fires, since the run ends at 5s (--duration 5s); its deltas are those of the run without it (old only)",
			"scenario loss: its kill fault at 12s never fires, since the run ends at 5s (--duration 5s); its deltas are those of the run without it (new only)"}},
	} {
		r, diags := Build(old, new, Options{Replications: 1, Duration: tt.duration})
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		if d := cmp.Diff(tt.want, r.Notes); d != "" {
			t.Errorf("--duration %s: notes (-want +got):\n%s", tt.duration, d)
		}
		var b bytes.Buffer
		if err := r.WriteMarkdown(&b); err != nil {
			t.Fatal(err)
		}
		for _, n := range tt.want {
			if !strings.Contains(b.String(), "- ⚠️ "+cell(n)+".\n") {
				t.Errorf("--duration %s: the comment does not say %q:\n%s", tt.duration, n, b.String())
			}
		}
		if long := tt.duration > 0 && !strings.Contains(b.String(), fmt.Sprintf("each %s long (--duration)", shortDuration(tt.duration))); long {
			t.Errorf("--duration %s: the comment does not say how long the runs were", tt.duration)
		}
	}
	// Same fault on both sides: one note, no side named.
	r, _ := Build(old, old, Options{Replications: 1, Duration: 5 * time.Second})
	if want := []string{"scenario loss: its kill fault at 8s never fires, since the run ends at 5s (--duration 5s); its deltas are those of the run without it"}; !cmp.Equal(want, r.Notes) {
		t.Errorf("notes %q", r.Notes)
	}
}

// TestStructuralDiffScaledToZero: replicas = 0 is a value (no instance),
// not an attribute left out.
func TestStructuralDiffScaledToZero(t *testing.T) {
	const src = "service \"api\" {\n  replicas = %d\n}\n"
	r, diags := Build(srcSide(t, "old", fmt.Sprintf(src, 2)), srcSide(t, "new", fmt.Sprintf(src, 0)), Options{NoSimulation: true})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	if d := cmp.Diff([]string{"update service.api\n  replicas: 2 → 0"}, changeLines(r)); d != "" {
		t.Errorf("changes (-want +got):\n%s", d)
	}
}

// TestStructuralDiffFileContents: a pull request that changes the file of
// a secret or a config, and nothing in the spec, changes them: the
// secret's content shows only as sensitive, the config's as text.
func TestStructuralDiffFileContents(t *testing.T) {
	const src = `
secret "db" {
  file = "db.txt"
}
config "nginx" {
  file = "nginx.conf"
}
`
	sideOf := func(dir, password, conf string) Side {
		return side(t, dir, dir, fstest.MapFS{
			dir + "/main.berth.hcl": {Data: []byte(src)},
			dir + "/db.txt":         {Data: []byte(password)},
			dir + "/nginx.conf":     {Data: []byte(conf)},
		})
	}
	r, diags := Build(sideOf("old", "hunter2", "listen 80;"), sideOf("new", "hunter3", "listen 81;"), Options{NoSimulation: true})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	want := []string{
		"update secret.db\n  content: (sensitive value changed)",
		"update config.nginx\n  content: \"listen 80;\" → \"listen 81;\"",
	}
	if d := cmp.Diff(want, changeLines(r)); d != "" {
		t.Errorf("changes (-want +got):\n%s", d)
	}
	// The content is where the file is named, not at the block's line.
	for _, c := range r.Changes {
		if want := "new/main.berth.hcl:" + map[string]string{"secret": "3", "config": "6"}[c.Kind]; c.Attributes[0].Pos != want {
			t.Errorf("%s content at %s, want %s", c.Address, c.Attributes[0].Pos, want)
		}
	}
	js, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(js, []byte("hunter")) {
		t.Errorf("the secret shows in the JSON: %s", js)
	}
	r, _ = Build(sideOf("old", "hunter2", "listen 80;"), sideOf("new", "hunter2", "listen 80;"), Options{NoSimulation: true})
	if len(r.Changes) != 0 {
		t.Errorf("the same files: %q", changeLines(r))
	}
}

func TestNearOne(t *testing.T) {
	for x, want := range map[float64]string{0.5: "0.50", 1: "1.00", 1.0004: "1.0004", 0.99996: "0.99996", 1.2: "1.20", 1.0000000000000002: "1.00"} {
		if got := nearOne(x); got != want {
			t.Errorf("nearOne(%v) = %s, want %s", x, got, want)
		}
	}
}

// TestThroughputFollowsTheLoad: a pull request that lowers a load's rate
// lowers its throughput; that is the load's change, not a regression
// (--fail-on regression failed it). The same load with less capacity
// still regresses.
func TestThroughputFollowsTheLoad(t *testing.T) {
	const src = `
service "api" {
  replicas = %d
  capacity {
    workers      = 1
    queue        = 1
    service_time = "exp(10ms)"
  }
}
load "peak" {
  entry    = service.api
  rate     = %d
  duration = "30s"
}
`
	opts := Options{Replications: 3, Seed: 1}
	r, diags := Build(srcSide(t, "old", fmt.Sprintf(src, 4, 100)), srcSide(t, "new", fmt.Sprintf(src, 4, 60)), opts)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	d := r.Deltas[0]
	if !d.LoadChanged || len(r.Regressions) != 0 {
		t.Errorf("load_changed %v, regressions %q", d.LoadChanged, r.Regressions)
	}
	var b bytes.Buffer
	if err := r.WriteMarkdown(&b); err != nil {
		t.Fatal(err)
	}
	if !regexp.MustCompile(`(?m)^\|  \| throughput \| .* \| the load changed \|$`).MatchString(b.String()) {
		t.Errorf("the throughput row does not say the load changed:\n%s", b.String())
	}

	r, _ = Build(srcSide(t, "old", fmt.Sprintf(src, 4, 100)), srcSide(t, "new", fmt.Sprintf(src, 1, 100)), opts)
	if d := r.Deltas[0]; d.LoadChanged || !d.Metrics[3].Worse {
		t.Errorf("one replica for four at the same load: load_changed %v, throughput worse %v", d.LoadChanged, d.Metrics[3].Worse)
	}
}

// betweenRevisions reviews, unsimulated, two revisions (main and HEAD) of
// the directory shop, each one main.berth.hcl.
func betweenRevisions(t *testing.T, oldSrc, newSrc string) *Review {
	t.Helper()
	old, new := srcSide(t, "shop", oldSrc), srcSide(t, "shop", newSrc)
	old.Label, old.Commit = "main", "0123456789abcdef"
	new.Label, new.Commit = "HEAD", "fedcba9876543210"
	r, diags := Build(old, new, Options{NoSimulation: true})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return r
}

// TestDeletionAtOldRevision: between two revisions of one directory, a
// deleted resource's position and a resolved finding's are in the OLD
// revision's file, and say so (REV:path), as a diagnostic does; the NEW
// side's stay plain.
func TestDeletionAtOldRevision(t *testing.T) {
	r := betweenRevisions(t,
		"service \"api\" {}\nservice \"db\" {}\nload \"l\" {\n  entry = service.api\n  rate  = 1\n}\n",
		"service \"api\" {\n  replicas = 2\n}\nload \"l\" {\n  entry = service.api\n  rate  = 1\n}\n")
	pos := map[string]string{}
	for _, c := range r.Changes {
		pos[c.Address] = c.Pos
	}
	if want := map[string]string{"service.api": "shop/main.berth.hcl:1", "service.db": "main:shop/main.berth.hcl:2"}; !cmp.Equal(want, pos) {
		t.Errorf("positions %v, want %v", pos, want)
	}
	if len(r.Resolved) != 1 || r.Resolved[0].Pos != "main:shop/main.berth.hcl:1" || r.Resolved[0].Range.Filename != "main:shop/main.berth.hcl" {
		t.Errorf("resolved %+v", r.Resolved)
	}
}

func TestShortDuration(t *testing.T) {
	for d, want := range map[time.Duration]string{
		30 * time.Second: "30s", time.Minute: "1m", 90 * time.Second: "1m30s", time.Hour: "1h",
		time.Hour + time.Minute: "1h1m", 1500 * time.Millisecond: "1.5s",
	} {
		if got := shortDuration(d); got != want {
			t.Errorf("shortDuration(%s) = %s, want %s", d, got, want)
		}
	}
}

// TestRemovedAttributeAtOld: an attribute a change removes points at the
// line of the OLD revision that set it, labelled with the revision; it
// pointed at the NEW block's first line, which says nothing of it.
func TestRemovedAttributeAtOld(t *testing.T) {
	r := betweenRevisions(t,
		"service \"api\" {}\nservice \"db\" {}\n\nlink \"api\" \"db\" {\n  timeout = \"80ms\"\n\n  retry {\n    attempts = 2\n  }\n}\n",
		"service \"api\" {}\nservice \"db\" {}\nlink \"api\" \"db\" {\n  timeout = \"90ms\"\n}\n")
	pos := positions(r)
	want := map[string]string{
		"link.api->db":   "shop/main.berth.hcl:3",
		"timeout":        "shop/main.berth.hcl:4",      // changed: where NEW sets it
		"retry.attempts": "main:shop/main.berth.hcl:8", // removed: where OLD set it
	}
	for k, w := range want {
		if pos[k] != w {
			t.Errorf("%s at %q, want %q", k, pos[k], w)
		}
	}
	// A default the OLD block did not write: its retry block's line.
	if got := pos["retry.on"]; got != "main:shop/main.berth.hcl:7" {
		t.Errorf("retry.on at %q, want main:shop/main.berth.hcl:7", got)
	}
}

// TestImplicitLinkAtOld: removing a link block leaves its call with an
// implicit link (implicit: false → true), which the NEW side has no line
// for: it points at the block removed, in the OLD revision. It had no
// position at all.
func TestImplicitLinkAtOld(t *testing.T) {
	const calls = "service \"api\" {\n  endpoint \"get\" {\n    call \"db\" {}\n  }\n}\nservice \"db\" {}\n"
	r := betweenRevisions(t, calls+"link \"api\" \"db\" {\n  timeout = \"80ms\"\n}\n", calls)
	pos := positions(r)
	want := map[string]string{
		"link.api->db": "shop/main.berth.hcl:3", // the call, which the implicit link is
		"implicit":     "main:shop/main.berth.hcl:7",
		"timeout":      "main:shop/main.berth.hcl:8",
	}
	if !cmp.Equal(want, pos) {
		t.Errorf("positions %v, want %v", pos, want)
	}
}

// positions maps each change's address and each attribute to its
// position.
func positions(r *Review) map[string]string {
	pos := map[string]string{}
	for _, c := range r.Changes {
		pos[c.Address] = c.Pos
		for _, a := range c.Attributes {
			pos[a.Attribute] = a.Pos
		}
	}
	return pos
}
