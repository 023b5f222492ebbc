package review

import (
	"bytes"
	"fmt"
	"os"
	"strings"
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

load "ramp" {
  entry = service.search
  ramp {
    from = 5
    to   = 50
    over = "30s"
  }
  duration = "40s"
}

scenario "shard-loss" {
  load = load.peak
  fault "kill" {
    service = "shard-a"
    at      = "10s"
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
	r := reviewGolden(t, createdBase, createdPR, "testdata/created")

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
		// A ramp's attributes are in its block, its kind is the block.
		"load.ramp": {"profile.from": false, "profile.over": false, "profile.kind": false, "arrival": true},
		// A fault's kind is its label; its replicas the default.
		"scenario.shard-loss": {"faults.0.kind": false, "faults.0.service": false, "faults.0.replicas": true},
		"service.shard-b":     {"resources.memory": false},
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

// reviewGolden reviews base → pr (main.berth.hcl each) without the
// simulation and compares its markdown and text with golden.md and
// golden.txt; BERTH_UPDATE=1 rewrites them.
func reviewGolden(t *testing.T, base, pr, golden string) *Review {
	t.Helper()
	r, md := reviewMarkdown(t, srcSide(t, "base", base), srcSide(t, "pr", pr))
	var txt bytes.Buffer
	if err := r.WriteText(&txt); err != nil {
		t.Fatal(err)
	}
	for file, got := range map[string]string{golden + ".md": md, golden + ".txt": txt.String()} {
		if os.Getenv("BERTH_UPDATE") != "" {
			if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("%v (BERTH_UPDATE=1 writes it)", err)
		}
		if got != string(want) {
			t.Errorf("differs from %s (BERTH_UPDATE=1 rewrites it):\n%s", file, got)
		}
	}
	return r
}

// updateBase has a link with a timeout and a circuit breaker that
// writes two of its settings; updatePR adds a retry block writing only
// its attempts and removes the breaker.
const (
	updateBase = `
service "api" {
  endpoint "get" {
    call "db" {}
  }
}

service "db" {}

link "api" "db" {
  timeout = "50ms"

  circuit_breaker {
    failure_rate = 0.5
    open_for     = "5s"
  }
}
`
	updatePR = `
service "api" {
  endpoint "get" {
    call "db" {}
  }
}

service "db" {}

link "api" "db" {
  timeout = "50ms"

  retry {
    attempts = 3
  }
}
`
)

// TestUpdateDefaultsGolden: a block added to (or removed from) a block
// that stays reads as written: the retry's attempts, the breaker's two
// settings at the OLD lines that set them; the defaults the retry brings
// and the breaker takes away are shown apart, marked as defaults
// (testdata/updated.md, updated.txt).
func TestUpdateDefaultsGolden(t *testing.T) {
	r := reviewGolden(t, updateBase, updatePR, "testdata/updated")
	want := map[string]bool{ // attribute → default
		"retry.attempts": false, "retry.base": true, "retry.backoff": true,
		"circuit_breaker.failure_rate": false, "circuit_breaker.open_for": false,
		"circuit_breaker.window": true, "circuit_breaker.min_calls": true,
	}
	if len(r.Changes) != 1 || r.Changes[0].Address != "link.api->db" {
		t.Fatalf("changes:\n%s", strings.Join(changeLines(r), "\n"))
	}
	for _, a := range r.Changes[0].Attributes {
		if d, ok := want[a.Attribute]; ok {
			if a.Default != d {
				t.Errorf("%s: default %v, want %v", a.Attribute, a.Default, d)
			}
			delete(want, a.Attribute)
		}
	}
	for a := range want {
		t.Errorf("no attribute %s", a)
	}
}

// TestEmptyBlockAdded: a nested block added with nothing written in it
// (circuit_breaker {}) brings only defaults; the folded line names the
// block, the one thing that says it was added.
func TestEmptyBlockAdded(t *testing.T) {
	base := "service \"api\" {\n  endpoint \"get\" {\n    call \"db\" {}\n  }\n}\nservice \"db\" {}\nlink \"api\" \"db\" {\n  timeout = \"50ms\"\n%s}\n"
	r, md := reviewMarkdown(t, srcSide(t, "base", fmt.Sprintf(base, "")), srcSide(t, "pr", fmt.Sprintf(base, "  circuit_breaker {}\n")))
	var txt bytes.Buffer
	if err := r.WriteText(&txt); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, a := range r.Changes[0].Attributes {
		if strings.HasPrefix(a.Attribute, "circuit_breaker.") && a.Default {
			n++
		}
	}
	want := fmt.Sprintf("%d defaults of circuit_breaker (not written)", n)
	if n == 0 || !strings.Contains(md, "<details><summary>"+want+"</summary>") || !strings.Contains(txt.String(), "      "+want+": circuit_breaker.") {
		t.Errorf("no %q in:\n%s\n%s", want, md, txt.String())
	}
}
