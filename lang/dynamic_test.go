package lang

import (
	"strconv"
	"strings"
	"testing"
)

// Dynamic blocks make one block per element, in order, with the iterator
// bound in each copy; they nest, and work inside for_each services.
func TestDynamicBlocks(t *testing.T) {
	const src = `
variable "shards" {
  default = ["a", "b", "c"]
}
variable "weights" {
  default = { users = 0.5, orders = 1 }
}
service "users" {}
service "orders" {}
service "shard" {
  for_each = toset(var.shards)
  dynamic "port" {
    for_each = [8080, 9090]
    content {
      published = port.value + index(var.shards, each.key)
      target    = port.value
    }
  }
}
service "router" {
  endpoint "fan" {
    dynamic "parallel" {
      for_each = [1]
      content {
        dynamic "call" {
          for_each = var.shards
          iterator = shard
          labels   = ["shard-${shard.value}"]
          content {
            probability = (shard.key + 1) / 4
          }
        }
      }
    }
    dynamic "call" {
      for_each = var.weights
      labels   = [call.key]
      content {
        probability = call.value
      }
    }
  }
}
load "l" {
  entry = service.router
  rate  = 10
}
scenario "s" {
  dynamic "fault" {
    for_each = var.shards
    iterator = f
    labels   = ["kill"]
    content {
      service = "shard-${f.value}"
      at      = "${f.key + 1}s"
    }
  }
}
`
	sp := mustLoad(t, src, Options{})
	flow := sp.Services["router"].Endpoints[0].Flow.Children
	if len(flow) != 3 || flow[0].Kind != StepParallel {
		t.Fatalf("router flow has %d steps, want a parallel and two calls", len(flow))
	}
	var got []string
	for _, s := range flow[0].Children {
		got = append(got, s.Call.Service+"@"+ftoa(s.Call.Probability))
	}
	for _, s := range flow[1:] {
		got = append(got, s.Call.Service+"@"+ftoa(s.Call.Probability))
	}
	want := "shard-a@0.25 shard-b@0.5 shard-c@0.75 orders@1 users@0.5"
	if strings.Join(got, " ") != want {
		t.Errorf("calls %q, want %q", strings.Join(got, " "), want)
	}
	ports := sp.Services["shard-c"].Ports
	if len(ports) != 2 || ports[0].Published != 8082 || ports[1].Published != 9092 || ports[1].Target != 9090 {
		t.Errorf("shard-c ports %+v, want 8082:8080 and 9092:9090", ports)
	}
	faults := sp.Scenarios["s"].Faults
	if len(faults) != 3 || faults[2].Service != "shard-c" || faults[2].At.Seconds() != 3 || faults[0].Kind != "kill" {
		t.Errorf("faults %+v, want three kills, the last on shard-c at 3s", faults)
	}
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

func TestDynamicBlockErrors(t *testing.T) {
	for _, tc := range []struct {
		name, body, want, at string
	}{
		{"missing content", `dynamic "call" {
  for_each = ["users"]
  labels   = [call.value]
}`, "Missing content block", `dynamic "call"`},
		{"two contents", `dynamic "call" {
  for_each = ["users"]
  labels   = [call.value]
  content {}
  content {}
}`, "Duplicate content block", "content"},
		{"block that does not repeat", `dynamic "resources" {
  for_each = [1]
  content {}
}`, "Unsupported dynamic block type", `"resources"`},
		{"typo in type", `dynamic "cal" {
  for_each = [1]
  content {}
}`, `Did you mean "call"?`, `"cal"`},
		{"missing labels", `dynamic "call" {
  for_each = ["users"]
  content {}
}`, "Missing dynamic labels", `dynamic "call"`},
		{"wrong label count", `dynamic "call" {
  for_each = ["users"]
  labels   = [call.value, "x"]
  content {}
}`, "list of 1 string, not tuple of 2", `[call.value, "x"]`},
		{"for_each a string", `dynamic "call" {
  for_each = "users"
  labels   = [call.value]
  content {}
}`, "Invalid dynamic for_each value", `"users"`},
		{"reserved iterator", `dynamic "call" {
  for_each = ["users"]
  iterator = service
  labels   = ["users"]
  content {}
}`, "Reserved iterator name", "service"},
		{"quoted iterator", `dynamic "call" {
  for_each = ["users"]
  iterator = "u"
  labels   = ["users"]
  content {}
}`, "Invalid dynamic iterator", `"u"`},
		{"iterator typo", `dynamic "call" {
  for_each = ["users"]
  iterator = shard
  labels   = [shrad.value]
  content {}
}`, `Did you mean "shard"?`, "shrad.value"},
		{"unknown service", `dynamic "call" {
  for_each = ["usres"]
  labels   = [call.value]
  content {}
}`, `"usres"`, "[call.value]"}, // its labels, not the content block all calls share
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := "service \"users\" {}\nservice \"gw\" {\n  endpoint \"e\" {\n" + tc.body + "\n  }\n}\n"
			_, diags := loadSrc(t, map[string]string{"main.berth.hcl": src}, Options{})
			text := diagText(diags)
			if !diags.HasErrors() || !strings.Contains(text, tc.want) {
				t.Fatalf("want an error with %q, got:\n%s", tc.want, text)
			}
			if tc.at == "" {
				return
			}
			for _, d := range diags {
				if strings.Contains(d.Summary+" "+d.Detail, tc.want) {
					if got := string(d.Subject.SliceBytes([]byte(src))); !strings.HasPrefix(got, tc.at) {
						t.Errorf("error at %q, want at %q", got, tc.at)
					}
					return
				}
			}
		})
	}
}
