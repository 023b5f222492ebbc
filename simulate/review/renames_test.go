package review

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/berth-dev/berth/planner"
)

// renameSpec is a gateway calling NAME (3 replicas) through a link with
// a timeout, and a worker with `replicas` replicas that nothing calls.
func renameSpec(name, replicas string) fstest.MapFS {
	src := `
service "gateway" {
  endpoint "get" {
    call "NAME" {}
  }
}

service "NAME" {
  replicas = 3
}

service "worker" {
  replicas = REPLICAS
}

link "gateway" "NAME" {
  timeout = "100ms"
}

load "steady" {
  entry = service.gateway
  rate  = 10
}
`
	src = strings.NewReplacer("NAME", name, "REPLICAS", replicas).Replace(src)
	return fstest.MapFS{"spec/main.berth.hcl": {Data: []byte(src)}}
}

// A renamed service (and its link) is a delete and a create that name
// each other, with berth plan's hint, in every format; a service deleted
// while another of a different configuration is created is not.
func TestRenameHint(t *testing.T) {
	old := side(t, "old", "spec", renameSpec("users", "1"))
	new := side(t, "new", "spec", renameSpec("accounts", "2"))
	r, md := reviewMarkdown(t, old, new)
	hints := map[string]string{}
	for _, c := range r.Changes {
		hints[string(c.Action)+" "+c.Address] = c.Hint
	}
	want := map[string]string{
		"delete service.users":          planner.RenameHint(planner.Delete, "users", "accounts"),
		"create service.accounts":       planner.RenameHint(planner.Create, "users", "accounts"),
		"delete link.gateway->users":    planner.RenameHint(planner.Delete, "gateway->users", "gateway->accounts"),
		"create link.gateway->accounts": planner.RenameHint(planner.Create, "gateway->users", "gateway->accounts"),
		"update service.worker":         "",
	}
	for k, w := range want {
		got, ok := hints[k]
		if !ok {
			t.Errorf("no change %q in %v", k, hints)
		} else if got != w {
			t.Errorf("%s: hint %q, want %q", k, got, w)
		}
	}
	if !strings.Contains(want["create service.accounts"], `same configuration as "users", which is deleted`) {
		t.Errorf("planner's hint changed: %q", want["create service.accounts"])
	}

	// A different configuration is no rename: the worker deleted, a
	// batch of another size created.
	other := renameSpec("users", "1")
	other["spec/main.berth.hcl"].Data = bytes.Replace(other["spec/main.berth.hcl"].Data, []byte(`service "worker" {
  replicas = 1`), []byte(`service "batch" {
  replicas = 5`), 1)
	r2, _ := Build(old, side(t, "other", "spec", other), Options{NoSimulation: true})
	var seen []string
	for _, c := range r2.Changes {
		seen = append(seen, string(c.Action)+" "+c.Address)
		if c.Hint != "" {
			t.Errorf("%s %s: hint %q, want none", c.Action, c.Address, c.Hint)
		}
	}

	if got := strings.Join(seen, ", "); !strings.Contains(got, "create service.batch") || !strings.Contains(got, "delete service.worker") {
		t.Errorf("changes %s, want worker deleted and batch created", got)
	}

	// The graph (markdown's Mermaid, --format mermaid and dot) draws the
	// rename too; the worker deleted for a batch is no rename.
	for name, g := range map[string]string{"mermaid": r.Mermaid, "dot": r.Graph.DOT()} {
		if !strings.Contains(g, "accounts<br/>3 × 64 workers<br/>renamed from users?") && !strings.Contains(g, `accounts\n3 × 64 workers\nrenamed from users?`) ||
			!strings.Contains(g, "renamed to accounts?") {
			t.Errorf("%s without the rename:\n%s", name, g)
		}
	}
	if !strings.Contains(md, "renamed from users?") {
		t.Error("the comment's graph lacks the rename")
	}
	if strings.Contains(r2.Mermaid, "renamed") {
		t.Errorf("a graph hints a rename that is none:\n%s", r2.Mermaid)
	}

	var text bytes.Buffer
	if err := r.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md, "- ➕ **create** `service.accounts`") ||
		!strings.Contains(md, "  - 💡 same configuration as \"users\", which is deleted: a rename?") {
		t.Errorf("markdown without the hint:\n%s", md)
	}
	// The renamed block's attributes are the deleted one's: the text
	// lists none under the hint.
	if strings.Contains(text.String(), "replicas = 3") {
		t.Errorf("text lists the renamed block's attributes:\n%s", text.String())
	}
	if !strings.Contains(text.String(), "  create service.accounts") ||
		!strings.Contains(text.String(), "      (same configuration as \"users\", which is deleted: a rename?") {
		t.Errorf("text without the hint:\n%s", text.String())
	}
}

// TestRenameKeepsFindings: a finding about a renamed block is the same
// risk under the new name: neither new nor resolved, so a pure rename
// passes --fail-on finding. users was a single replica on the gateway's
// critical path before and after its rename to accounts; the rename made
// a new warning and a resolved one (exit 3 with --fail-on finding).
func TestRenameKeepsFindings(t *testing.T) {
	spec := func(name string) fstest.MapFS {
		return fstest.MapFS{"spec/main.berth.hcl": {Data: []byte(strings.ReplaceAll(`
service "gateway" {
  replicas = 2
  endpoint "get" {
    call "NAME" {}
  }
}

service "NAME" {}

link "gateway" "NAME" {
  timeout = "100ms"
}

load "steady" {
  entry = service.gateway
  rate  = 10
}
`, "NAME", name))}}
	}
	r, _ := reviewMarkdown(t, side(t, "old", "spec", spec("users")), side(t, "new", "spec", spec("accounts")))
	f := find(r.Findings, KindSingleReplica, "service.accounts")
	if f == nil {
		t.Fatalf("no single-replica finding on accounts: %+v", r.Findings)
	}
	if f.New || f.Worse {
		t.Errorf("the renamed block's finding reads new (%v) or worse (%v)", f.New, f.Worse)
	}
	if len(r.Resolved) != 0 {
		t.Errorf("resolved: %+v", r.Resolved)
	}
}
