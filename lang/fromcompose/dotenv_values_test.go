package fromcompose

import (
	"context"
	"strings"
	"testing"
)

// The warning about values from .env names the variables the imported
// services read, in the order the file reads them, and not one that only
// a service of an inactive profile reads; the one about the environment
// names TLS_CERT.
func TestVariablesWrittenNamesWhatIsWritten(t *testing.T) {
	p, src, diags := Load(context.Background(), Options{Files: []string{"testdata/dotenvvalues/compose.yaml"}, Environ: []string{"TLS_CERT=from-env"}})
	if diags.HasErrors() {
		t.Fatal(diags.Error())
	}
	_, _, cdiags := Convert(p, src, "testdata/dotenvvalues")
	var details []string
	for _, d := range cdiags {
		if d.Summary == "Values of variables written into the berth source" {
			details = append(details, d.Detail)
		}
	}
	if len(details) != 2 {
		t.Fatalf("%d warnings, want one for .env and one for the environment: %q", len(details), details)
	}
	if !strings.HasPrefix(details[0], "The Compose file reads $TAG, $WEB_PORT, $LOG_LEVEL from testdata/dotenvvalues/.env, ") {
		t.Errorf(".env warning: %q", details[0])
	}
	if !strings.HasPrefix(details[1], "The Compose file reads $TLS_CERT from the environment of berth import, ") {
		t.Errorf("environment warning: %q", details[1])
	}
}
