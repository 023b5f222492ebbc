package lang

import (
	"strings"
	"testing"
)

// Endpoints made by a dynamic block can be named as service.x.endpoint.y
// (a load's entry, an slo), in plain and for_each services alike, and an
// endpoint no element makes is still an error at the name.
func TestDynamicEndpointRefs(t *testing.T) {
	const src = `
variable "routes" {
  default = ["list", "show"]
}
service "api" {
  dynamic "endpoint" {
    for_each = var.routes
    labels   = [endpoint.value]
    content {}
  }
}
service "shard" {
  for_each = toset(["a", "b"])
  dynamic "endpoint" {
    for_each = ["get-${each.key}"]
    labels   = [endpoint.value]
    content {}
  }
}
load "browse" {
  entry = service.api.endpoint.show
  rate  = 10
}
load "shard_b" {
  entry = service.shard["b"].endpoint["get-b"]
  rate  = 10
}
locals {
  listing = service.api.endpoint.list
}
load "via_local" {
  entry = local.listing
  rate  = 10
}
slo "show" {
  service = service.api.endpoint.show
  p99     = "100ms"
}
`
	sp := mustLoad(t, src, Options{})
	if e := sp.Loads["browse"].Entry; e.Service != "api" || e.Endpoint != "show" {
		t.Errorf("browse enters %+v, want api/show", e)
	}
	if e := sp.Loads["shard_b"].Entry; e.Service != "shard-b" || e.Endpoint != "get-b" {
		t.Errorf("shard_b enters %+v, want shard-b/get-b", e)
	}
	if e := sp.Loads["via_local"].Entry; e.Service != "api" || e.Endpoint != "list" {
		t.Errorf("via_local (a local naming the endpoint) enters %+v, want api/list", e)
	}
	if s := sp.SLOs["show"]; s.Service != "api" || s.Endpoint != "show" {
		t.Errorf("slo on %s/%s, want api/show", s.Service, s.Endpoint)
	}

	for _, typo := range [][2]string{
		{"service.api.endpoint.show\n  rate", "service.api.endpoint.shwo\n  rate"},
		{"listing = service.api.endpoint.list", "listing = service.api.endpoint.lsit"},
	} {
		bad := strings.Replace(src, typo[0], typo[1], 1)
		_, diags := loadSrc(t, map[string]string{"main.berth.hcl": bad}, Options{})
		if !diags.HasErrors() || !strings.Contains(diagText(diags), `Did you mean "`) {
			t.Errorf("%s: want an error with a suggestion, got:\n%s", typo[1], diagText(diags))
		}
	}
}
