package fromcompose

import (
	"context"
	"strings"
	"testing"
)

// The network-settings warning of a renamed service names the name its
// containers answer to: the berth name, not the Compose one.
func TestNetworkSettingsNameTheBerthName(t *testing.T) {
	path, _ := loadYAML(t, "services:\n  wazuh.master:\n    image: x\n    networks:\n      default:\n        aliases: [manager]\n")
	p, src, diags := Load(context.Background(), Options{Files: []string{path}, Project: "p"})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	_, _, cdiags := Convert(p, src, t.TempDir())
	for _, d := range cdiags {
		if d.Summary == "Network settings not carried into berth" {
			if !strings.Contains(d.Detail, `reached by its berth name, "wazuh-master"`) {
				t.Errorf("detail: %s", d.Detail)
			}
			return
		}
	}
	t.Fatalf("no network settings warning in %v", cdiags)
}
