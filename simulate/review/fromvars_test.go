package review

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestChangeFromVariables: an attribute that changes because the pull
// request edited a variable's default or a local says so, with the line
// edited; it pointed only at the attribute (replicas = var.n,
// service_time = each.value), a line the pull request did not touch.
func TestChangeFromVariables(t *testing.T) {
	const src = `variable "n" {
  default = %d
}

variable "unused" {
  default = %d
}

variable "shards" {
  default = {
    a = "exp(%s)"
  }
}

locals {
  t = "%s"
  level = "info"
}

service "api" {
  replicas = var.n
  env = {
    LEVEL = local.level
  }
}

service "db" {
  replicas = %d
}

service "shard" {
  for_each = var.shards
  capacity {
    service_time = each.value
  }
}

link "api" "db" {
  timeout = local.t
}
`
	old := srcSide(t, "shop", fmt.Sprintf(src, 2, 1, "1ms", "80ms", 1))
	new := srcSide(t, "shop", fmt.Sprintf(src, 3, 2, "2ms", "90ms", 2))
	r, diags := Build(old, new, Options{NoSimulation: true})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	got := map[string][]Ref{}
	for _, c := range r.Changes {
		for _, a := range c.Attributes {
			got[c.Address+" "+a.Attribute] = a.From
		}
	}
	want := map[string][]Ref{
		"service.api replicas": {{Name: "var.n", Pos: "shop/main.berth.hcl:2"}},
		"service.db replicas":  nil, // written in place
		"link.api->db timeout": {{Name: "local.t", Pos: "shop/main.berth.hcl:16"}},
		// An instance of a for_each over a variable.
		"service.shard-a capacity.service_time": {{Name: "var.shards", Pos: "shop/main.berth.hcl:10"}},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("from (-want +got):\n%s", diff)
	}
	var md strings.Builder
	if err := r.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	if want := "  - `replicas`: `2` → `3` · `shop/main.berth.hcl:21` (from `var.n` · `shop/main.berth.hcl:2`)\n"; !strings.Contains(md.String(), want) {
		t.Errorf("the comment lacks %q:\n%s", want, md.String())
	}
}

// TestForEachFrom: a fan-out widened by adding a key to the variable a
// for_each and a dynamic block read names the variable's line on every
// change it makes: the shard and its link created, the caller's flow
// and its new call's fallback. They pointed only at the blocks' lines,
// which the pull request did not touch.
func TestForEachFrom(t *testing.T) {
	const src = `variable "shards" {
  default = [%s]
}

service "shard" {
  for_each = toset(var.shards)
  capacity {
    service_time = "exp(2ms)"
  }
}

service "search" {
  endpoint "query" {
    service_time = "const(1ms)"
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
  timeout = "50ms"
}
`
	old := srcSide(t, "spec", fmt.Sprintf(src, `"a"`))
	new := srcSide(t, "spec", fmt.Sprintf(src, `"a", "b"`))
	r, diags := Build(old, new, Options{NoSimulation: true})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	shards := []Ref{{Name: "var.shards", Pos: "spec/main.berth.hcl:2"}}
	got := map[string][]Ref{}
	for _, c := range r.Changes {
		got[string(c.Action)+" "+c.Address] = c.From
		for _, a := range c.Attributes {
			got[c.Address+" "+a.Attribute] = a.From
		}
	}
	want := map[string][]Ref{
		"create service.shard-b":                                    shards,
		"create link.search->shard-b":                               shards,
		"update service.search":                                     nil,
		"service.search endpoints.query.flow":                       shards,
		"service.search endpoints.query.flow.call.shard-b.fallback": shards,
	}
	for k, w := range want {
		if g, ok := got[k]; !ok {
			t.Errorf("no %s in %v", k, got)
		} else if diff := cmp.Diff(w, g); diff != "" {
			t.Errorf("%s: from (-want +got):\n%s", k, diff)
		}
	}
	// The shard's own attributes say nothing: the change names it once.
	if g := got["service.shard-b capacity.service_time"]; g != nil {
		t.Errorf("capacity.service_time from %v", g)
	}
	var md strings.Builder
	if err := r.WriteMarkdown(&md); err != nil {
		t.Fatal(err)
	}
	if want := "- ➕ **create** `service.shard-b` · `spec/main.berth.hcl:5` (from `var.shards` · `spec/main.berth.hcl:2`)\n"; !strings.Contains(md.String(), want) {
		t.Errorf("the comment lacks %q:\n%s", want, md.String())
	}
}
