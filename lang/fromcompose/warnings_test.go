package fromcompose

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/hcl/v2"
)

// compose-go's warnings point at the value or key they are about, and
// say what to do.
func TestComposeWarnings(t *testing.T) {
	tests := []struct{ name, yaml, summary, at, detail string }{
		{"yaml 1.1 boolean", "services:\n  a:\n    image: x\n    init: \"yes\"\n", "YAML 1.1 boolean", "4:11", "write true"},
		{"yaml 1.1 boolean off", "services:\n  a:\n    image: x\n    networks: [n]\nnetworks:\n  n:\n    internal: 'off' # old\n", "YAML 1.1 boolean", "7:15", "write false"},
		{"unset variable after a comment using it", "services:\n  a:\n    image: x\n    environment:\n      # B: ${NOPE}\n      A: ${NOPE}\n", "Variable not set", "6:10", "set neither in the environment"},
		{"yaml 1.1 boolean after a comment", "services:\n  a:\n    image: x\n    # tty: yes\n    init: \"yes\"\n", "YAML 1.1 boolean", "5:11", "write true"},
		{"external.name", "services:\n  a:\n    image: x\n    networks: [n]\nnetworks:\n  n:\n    external:\n      name: shared\n", "Compose file warning", "7:5", "Please set name and external: true"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, diags := loadYAML(t, tt.yaml)
			if diags.HasErrors() {
				t.Fatal(diags.Error())
			}
			checkWarning(t, diags, tt.summary, tt.at, tt.detail)
		})
	}
}

// Warnings of the conversion point at the key they are about and say
// what to do. External volumes and networks become berth's own, which
// Docker names <project>_<name> (it said "give it the same name", which
// berth cannot do). A secret's file that is missing (docker/compose-for-
// agents a2a/compose.yaml: secret.openai-api-key, made by hand) is said
// at the Compose file's line; berth said it only at the berth file's,
// after writing it.
func TestConvertWarnings(t *testing.T) {
	tests := []struct{ name, yaml, summary, at, detail string }{
		// sentry self-hosted's external volumes: berth's volume is
		// <project>_<name>, so "give it the same name" could not be done
		{"external volume", "services:\n  a:\n    image: x\n    volumes: [sentry-data:/data]\nvolumes:\n  sentry-data:\n    external: true\n", "External volume imported as berth's own", "6:3", `Docker names p_sentry-data: it starts empty, without the data of sentry-data`},
		// minio's docs/orchestration/docker-compose: hostname: minio1 on
		// the service minio1, which other containers still reach by it
		{"hostname of the service's name", "services:\n  minio1:\n    image: x\n    hostname: minio1\n", "hostname is not carried into berth", "4:5", "Other containers still reach them as minio1"},
		{"missing secret file", "services:\n  a:\n    image: x\n    secrets: [openai-api-key]\nsecrets:\n  openai-api-key:\n    file: secret.openai-api-key\n", "The secret's file does not exist", "7:5", `read from secret.openai-api-key, which does not exist`},
		{"external network", "services:\n  a:\n    image: x\n    networks: [proxy]\nnetworks:\n  proxy:\n    external: true\n    name: traefik_proxy\n", "External network imported as berth's own", "6:3", `joined traefik_proxy meet its services only once they join p_proxy`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path, diags := loadYAML(t, tt.yaml)
			if diags.HasErrors() {
				t.Fatal(diags.Error())
			}
			p, src, _ := Load(context.Background(), Options{Files: []string{path}, Project: "p"})
			_, _, diags = Convert(p, src, filepath.Dir(path))
			checkWarning(t, diags, tt.summary, tt.at, tt.detail)
		})
	}
}

// checkWarning finds the diagnostic of summary in diags and checks that
// it is at line:column at and that its detail holds detail.
func checkWarning(t *testing.T, diags hcl.Diagnostics, summary, at, detail string) {
	t.Helper()
	for _, d := range diags {
		if d.Summary != summary {
			continue
		}
		if d.Subject == nil {
			t.Fatalf("no position: %s", d.Detail)
		}
		if got := fmt.Sprintf("%d:%d", d.Subject.Start.Line, d.Subject.Start.Column); got != at {
			t.Errorf("at %s, want %s", got, at)
		}
		if !strings.Contains(d.Detail, detail) {
			t.Errorf("detail %q lacks %q", d.Detail, detail)
		}
		return
	}
	t.Fatalf("no %q warning in %v", summary, diags)
}
