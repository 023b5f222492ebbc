package cli

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestEmulateProbe(t *testing.T) {
	ok := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {}))
	defer ok.Close()
	bad := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(503) }))
	defer bad.Close()
	for _, tc := range []struct {
		url  string
		code int
	}{{ok.URL + "/healthz", 0}, {bad.URL + "/healthz", 1}, {"http://127.0.0.1:1/healthz", 1}} {
		var out, errb bytes.Buffer
		if got := Run([]string{"emulate", "--probe", tc.url}, nil, &out, &errb); got != tc.code {
			t.Errorf("probe %s: exit %d, want %d (%s)", tc.url, got, tc.code, errb.String())
		}
	}
}

func TestEmulateConfigErrors(t *testing.T) {
	t.Setenv("BERTH_EMULATOR_CONFIG", "")
	var out, errb bytes.Buffer
	if code := Run([]string{"emulate"}, nil, &out, &errb); code != 1 || !strings.Contains(errb.String(), "no emulator config") {
		t.Errorf("exit %d: %s", code, errb.String())
	}
	bad := filepath.Join(t.TempDir(), "c.json")
	os.WriteFile(bad, []byte(`{"version": 99, "service": "x"}`), 0o644)
	errb.Reset()
	if code := Run([]string{"emulate", "--config", bad}, nil, &out, &errb); code != 1 || !strings.Contains(errb.String(), "version 99") {
		t.Errorf("exit %d: %s", code, errb.String())
	}
}

func TestEmulateIsHidden(t *testing.T) {
	var out bytes.Buffer
	Run([]string{"--help"}, nil, &out, &out)
	if strings.Contains(out.String(), "emulate") {
		t.Errorf("emulate shows in help:\n%s", out.String())
	}
}
