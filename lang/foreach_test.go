package lang

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestForEach(t *testing.T) {
	tests := []struct {
		name     string
		src      string
		want     map[string]int // service → replicas
		wantKeys map[string]string
	}{
		{
			name: "set",
			src: `service "shard" {
  for_each = toset(["b", "a"])
}`,
			want:     map[string]int{"shard-a": 1, "shard-b": 1},
			wantKeys: map[string]string{"shard-a": "a", "shard-b": "b"},
		},
		{
			name: "map with each.value and name",
			src: `service "w" {
  for_each = { small = 1, big = 3 }
  name     = "worker-${each.key}"
  replicas = each.value
}`,
			want:     map[string]int{"worker-small": 1, "worker-big": 3},
			wantKeys: map[string]string{"worker-small": "small", "worker-big": "big"},
		},
		{
			name: "from locals and variables",
			src: `variable "zones" {
  default = ["eu", "us"]
}
locals {
  zones = toset(var.zones)
  reps  = { eu = 2 }
}
service "edge" {
  for_each = local.zones
  replicas = lookup(local.reps, each.key, 1)
}`,
			want:     map[string]int{"edge-eu": 2, "edge-us": 1},
			wantKeys: map[string]string{"edge-eu": "eu", "edge-us": "us"},
		},
		{
			name: "referenced by index",
			src: `service "db" {
  for_each = toset(["a", "b"])
}
locals {
  primary = service.db["a"]
}
service "api" {
  depends_on = [local.primary, service.db["b"]]
  endpoint "e" {
    call "db-a" {}
  }
}
link "api" "db-a" {}`,
			want:     map[string]int{"db-a": 1, "db-b": 1, "api": 1},
			wantKeys: map[string]string{"db-a": "a", "db-b": "b", "api": ""},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := mustLoad(t, tt.src, Options{})
			got := map[string]int{}
			keys := map[string]string{}
			for name, svc := range s.Services {
				got[name] = svc.Replicas
				keys[name] = svc.Key
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("replicas (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.wantKeys, keys); diff != "" {
				t.Errorf("keys (-want +got):\n%s", diff)
			}
		})
	}
	s := mustLoad(t, tests[3].src, Options{})
	if diff := cmp.Diff([]string{"db-a", "db-b"}, s.Service("api").DependsOn); diff != "" {
		t.Errorf("depends_on by index (-want +got):\n%s", diff)
	}
}

func TestFunctions(t *testing.T) {
	files := map[string]string{
		"main.berth.hcl": `
locals {
  base = { LOG = "info", REGION = "eu" }
  cfg  = jsondecode(file("conf/app.json"))
}
service "api" {
  env = merge(local.base, {
    REGION  = upper("us")
    JSON    = jsonencode({ a = 1 })
    LIST    = join(",", concat(["x"], ["y"]))
    FMT     = format("%s-%03d", "n", 7)
    LEN     = length(keys(local.base))
    MAX     = max(3, 9, 4)
    FILE    = trimspace(file("conf/token.txt"))
    FROMCFG = local.cfg.name
    RANGE   = jsonencode(range(3))
    COAL    = coalesce("", "fallback")
    FLAT    = jsonencode(flatten([[1], [2, 3]]))
    LOOK    = lookup(local.base, "missing", "dflt")
  })
}`,
		"conf/app.json":  `{"name": "from-json"}`,
		"conf/token.txt": "  secret-token \n",
	}
	s, diags := loadSrc(t, files, Options{})
	if diags.HasErrors() {
		t.Fatal(diagText(diags))
	}
	want := map[string]string{
		"LOG": "info", "REGION": "US", "JSON": `{"a":1}`, "LIST": "x,y", "FMT": "n-007",
		"LEN": "2", "MAX": "9", "FILE": "secret-token", "FROMCFG": "from-json",
		"RANGE": "[0,1,2]", "COAL": "fallback", "FLAT": "[1,2,3]", "LOOK": "dflt",
	}
	if diff := cmp.Diff(want, s.Service("api").Env); diff != "" {
		t.Errorf("env (-want +got):\n%s", diff)
	}
	_, diags = loadSrc(t, map[string]string{"main.berth.hcl": `service "a" { image = file("nope.txt") }`}, Options{})
	if !diags.HasErrors() || diags[0].Subject == nil {
		t.Errorf("file() of a missing file: %s", diagText(diags))
	}
}
