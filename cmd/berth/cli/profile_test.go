package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestStartProfile(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, path string
		wantFile   bool
		wantWarn   string
	}{
		{"unset", "", false, ""},
		{"written", filepath.Join(dir, "cpu.prof"), true, ""},
		{"bad path", filepath.Join(dir, "missing", "cpu.prof"), false, "Warning: " + EnvCPUProfile + ": no CPU profile"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stderr bytes.Buffer
			stop := startProfile(func(k string) string {
				if k == EnvCPUProfile {
					return tt.path
				}
				return ""
			}, &stderr)
			stop()
			if tt.wantWarn == "" && stderr.Len() > 0 || !strings.Contains(stderr.String(), tt.wantWarn) {
				t.Errorf("stderr %q, want %q", stderr.String(), tt.wantWarn)
			}
			if tt.path == "" {
				return
			}
			st, err := os.Stat(tt.path)
			if tt.wantFile && (err != nil || st.Size() == 0) {
				t.Errorf("no profile at %s: %v", tt.path, err)
			}
		})
	}
}
