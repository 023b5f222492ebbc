package review

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/planner"
)

// A created block shows what it is in the comment: the attributes it
// writes as `name = value`, inline when short, collapsed when long, its
// defaults collapsed apart, a secret's value never.
func TestMarkdownCreatedAttributes(t *testing.T) {
	empty := Side{Label: "base", Spec: lang.EmptySpec(shopDir, "shop"), Absent: true}
	_, md := reviewMarkdown(t, empty, side(t, "pr", shopDir, nil))
	for _, want := range []string{
		"- ➕ **create** `link.users->users-db` · `" + shopDir + "/links.berth.hcl:NN`\n  - `timeout = \"80ms\"`\n  <details><summary>1 default (not written)</summary>\n\n  `load_balancing = \"round_robin\"`\n",
		"- ➕ **create** `service.orders-db` · `" + shopDir + "/services.berth.hcl:NN`\n  <details><summary>18 attributes</summary>\n\n  `capacity.queue = 128` · `capacity.workers = 8` · ",
		"</details>\n\n  <details><summary>10 defaults (not written)</summary>\n\n  `capacity.model = \"thread\"` · ",
		" · `replicas = 1` · ",
		"- ➕ **create** `secret.db_password` · `" + shopDir + "/main.berth.hcl:NN`\n  - `content` (sensitive value set) · `file = \"secrets/db_password.txt\"`\n",
	} {
		re := regexp.MustCompile(strings.ReplaceAll(regexp.QuoteMeta(want), "NN", `\d+`))
		if !re.MatchString(md) {
			t.Errorf("no %q in:\n%s", want, md)
		}
	}
	if strings.Contains(md, "not-a-real-password") {
		t.Error("the secret's value shows")
	}
}

// One block's attributes take at most maxCreatedChars: the rest is
// counted. A comment of many large created blocks still fits GitHub's
// limit.
func TestMarkdownCreatedBudget(t *testing.T) {
	big := Change{Address: "service.big", Kind: "service", Name: "big", Action: planner.Create}
	for i := range 200 {
		big.Attributes = append(big.Attributes, AttrChange{Reason: planner.Reason{
			Attribute: fmt.Sprintf("env.VAR_%03d", i), After: strings.Repeat("x", 40), Action: planner.Create}})
	}
	got := createdAttrs(big)
	if n := chars(got); n > maxCreatedChars+200 {
		t.Errorf("%d characters for one block, want about %d", n, maxCreatedChars)
	}
	if !strings.Contains(got, "<details><summary>200 attributes</summary>") || !strings.Contains(got, " more: `berth diff --format json` lists them") {
		t.Errorf("not collapsed and counted:\n%s", got)
	}
	r := &Review{Summary: "many", Old: SideInfo{Label: "a"}, New: SideInfo{Label: "b"}}
	for i := range 300 {
		c := big
		c.Address, c.Name = fmt.Sprintf("service.big%d", i), fmt.Sprintf("big%d", i)
		r.Changes = append(r.Changes, c)
	}
	var b bytes.Buffer
	if err := r.WriteMarkdown(&b); err != nil {
		t.Fatal(err)
	}
	if n := chars(b.String()); n > MaxCommentChars {
		t.Errorf("comment of %d characters, more than %d", n, MaxCommentChars)
	}
	if !strings.Contains(b.String(), "more changes, left out to fit the comment") {
		t.Error("no line counting the changes left out")
	}
}

// reviewMarkdown builds the review of old → new without the simulation
// and returns it with its comment.
func reviewMarkdown(t *testing.T, old, new Side) (*Review, string) {
	t.Helper()
	r, diags := Build(old, new, Options{NoSimulation: true})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	var b bytes.Buffer
	if err := r.WriteMarkdown(&b); err != nil {
		t.Fatal(err)
	}
	return r, b.String()
}
