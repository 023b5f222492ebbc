package lang

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestLanguageDoc keeps docs/language.md true: its hcl examples, loaded
// together as one spec, must parse and use only blocks and arguments the
// loader knows.
func TestLanguageDoc(t *testing.T) {
	doc, err := os.ReadFile("../docs/language.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```hcl\n(.*?)```").FindAllStringSubmatch(string(doc), -1)
	if len(blocks) < 8 {
		t.Fatalf("found %d hcl examples in the doc", len(blocks))
	}
	var src strings.Builder
	for _, b := range blocks {
		src.WriteString(b[1] + "\n")
	}
	_, diags := loadSrc(t, map[string]string{"doc.berth.hcl": src.String()}, Options{})
	for _, d := range diags {
		switch d.Summary {
		case "Unsupported argument", "Unsupported block type", "Missing required argument",
			"Incorrect attribute value type", "Invalid duration", "Invalid size", "Invalid distribution", "Invalid rate":
			t.Errorf("%s: %s: %s", d.Subject, d.Summary, d.Detail)
		}
		if strings.HasPrefix(d.Summary, "Unknown ") && d.Summary != "Unknown service" && d.Summary != "Unknown endpoint" {
			t.Errorf("%s: %s: %s", d.Subject, d.Summary, d.Detail)
		}
		if strings.HasPrefix(d.Summary, "Invalid ") && strings.Contains(d.Summary, "definition") {
			t.Errorf("%s: %s: %s", d.Subject, d.Summary, d.Detail)
		}
	}
	if t.Failed() || os.Getenv("BERTH_DOC_DIAGS") != "" {
		t.Logf("all diagnostics:\n%s", diagText(diags))
	}
}
