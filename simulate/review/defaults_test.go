package review

import (
	"bytes"
	"os"
	"testing"
)

// createdBase is a gateway alone; createdPR adds a search service that
// fans out to for_each shards through a dynamic call, the shards, and
// the links to them, each writing a few attributes.
const (
	createdBase = `
service "gateway" {
  capacity {
    workers = 4
  }
}

load "peak" {
  entry = service.gateway
  rate  = 10
}
`
	createdPR = createdBase + `
service "search" {
  replicas = 2
  endpoint "query" {
    parallel {
      dynamic "call" {
        for_each = ["a", "b"]
        labels   = ["shard-${call.value}"]
        content {
          fallback = "skip"
        }
      }
    }
  }
  capacity {
    workers      = 8
    service_time = "exp(2ms)"
  }
}

service "shard" {
  for_each = toset(["a", "b"])
  resources {
    memory = "256MiB"
  }
}

link "search" "shard" {
  timeout = "40ms"
  retry {
    attempts = 2
  }
}
`
)

// TestCreatedGolden: a block the pull request adds reads as its author
// wrote it, in the comment and on a terminal: the attributes it writes,
// each with its line in the text, then its defaults apart, marked as
// defaults (the JSON's default: true). testdata/created.md and
// created.txt; BERTH_UPDATE=1 rewrites them.
func TestCreatedGolden(t *testing.T) {
	r, md := reviewMarkdown(t, srcSide(t, "base", createdBase), srcSide(t, "pr", createdPR))
	var txt bytes.Buffer
	if err := r.WriteText(&txt); err != nil {
		t.Fatal(err)
	}
	for golden, got := range map[string]string{"testdata/created.md": md, "testdata/created.txt": txt.String()} {
		if os.Getenv("BERTH_UPDATE") != "" {
			if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (BERTH_UPDATE=1 writes it)", err)
		}
		if got != string(want) {
			t.Errorf("differs from %s (BERTH_UPDATE=1 rewrites it):\n%s", golden, got)
		}
	}

	// What each created block writes, and what it leaves to its default.
	want := map[string]map[string]bool{ // address → attribute → default
		"service.search": {
			"replicas": false, "capacity.workers": false, "capacity.service_time": false,
			"endpoints.query.flow": false, "endpoints.query.flow.call.shard-a.fallback": false,
			"capacity.queue": true, "restart.delay": true, "endpoints.query.weight": true,
		},
		"service.shard-a":      {"resources.memory": false, "replicas": true, "capacity.workers": true},
		"link.search->shard-b": {"timeout": false, "retry.attempts": false, "load_balancing": true},
		"link.search->shard-a": {"timeout": false},
		"service.shard-b":      {"resources.memory": false},
	}
	for _, c := range r.Changes {
		for _, a := range c.Attributes {
			if d, ok := want[c.Address][a.Attribute]; ok {
				if a.Default != d {
					t.Errorf("%s %s: default %v, want %v", c.Address, a.Attribute, a.Default, d)
				}
				delete(want[c.Address], a.Attribute)
			}
		}
	}
	for addr, left := range want {
		for a := range left {
			t.Errorf("%s has no attribute %s", addr, a)
		}
	}
}
