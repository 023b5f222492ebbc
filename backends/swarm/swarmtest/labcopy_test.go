package swarmtest

import (
	"path/filepath"
	"testing"

	"github.com/berth-dev/berth/lang"
)

func TestLabCopyShop(t *testing.T) {
	dst := t.TempDir()
	err := LabCopy("../../../examples/shop", dst, Overrides{
		Project: "swtest", Replicas: map[string]int{"gateway": 2},
		Images: map[string]string{"auth": "example/auth:1"}, HealthTimeout: "10s",
	})
	if err != nil {
		t.Fatal(err)
	}
	spec, diags := lang.NewLoader().Load(dst, lang.Options{})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	if spec.Project != "swtest" {
		t.Errorf("project %q", spec.Project)
	}
	for _, s := range spec.SortedServices() {
		if s.EndpointMode != "dnsrr" {
			t.Errorf("%s: endpoint_mode %q", s.Name, s.EndpointMode)
		}
		for _, p := range s.Ports {
			if p.Mode != "host" {
				t.Errorf("%s: port mode %q", s.Name, p.Mode)
			}
		}
		if s.Health != nil && s.Health.Timeout.String() != "10s" {
			t.Errorf("%s: health timeout %s", s.Name, s.Health.Timeout)
		}
	}
	if g := spec.Service("gateway"); g.Replicas != 2 {
		t.Errorf("gateway replicas %d", g.Replicas)
	}
	if a := spec.Service("auth"); a.Image != "example/auth:1" {
		t.Errorf("auth image %q", a.Image)
	}
	if _, err := filepath.Abs(spec.Secrets["db_password"].Path); err != nil || spec.Secrets["db_password"].Path == "" {
		t.Errorf("secret path %q", spec.Secrets["db_password"].Path)
	}
}
