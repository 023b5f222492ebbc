package cli

import (
	"encoding/json"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/berth-dev/berth/backends/emulator"
	"github.com/berth-dev/berth/lang"
)

// interruptSpec is one service and a constant load of a minute.
const interruptSpec = `service "api" {}

load "steady" {
  entry    = service.api
  rate     = 20
  arrival  = "constant"
  duration = "1m"
}

slo "roomy" {
  p50 = "10s"
}
`

// TestLoadInterrupted: a SIGINT (Ctrl-C, or the SIGTERM of a CI job's
// timeout) stops the load, says so at once, reports what was measured as
// partial and exits 1, for loadtest and compare, text and JSON: an
// interrupted test exited 0 with "PASS: all 1 verdict held", so a CI job
// killed mid-test passed.
func TestLoadInterrupted(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("{}")) }))
	defer srv.Close()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.berth.hcl"), []byte(interruptSpec), 0o644); err != nil {
		t.Fatal(err)
	}
	// compare reads the counters of an emulated entry after an interrupt
	// too (they were left out).
	spec, diags := lang.NewLoader().Load(dir, lang.Options{})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	cfg, err := emulator.Compile(spec, "api")
	if err != nil {
		t.Fatal(err)
	}
	emu, err := emulator.New(cfg, emulator.Options{Replica: "api-1", Log: log.New(io.Discard, "", 0)})
	if err != nil {
		t.Fatal(err)
	}
	emuSrv := httptest.NewServer(emu)
	defer emuSrv.Close()

	// While this test listens for SIGINT too, the signal cannot end the
	// test process, whenever it arrives.
	guard := make(chan os.Signal, 1)
	signal.Notify(guard, os.Interrupt)
	defer signal.Stop(guard)

	for _, args := range [][]string{
		{"loadtest", dir, "--target", srv.URL},
		{"loadtest", dir, "--target", srv.URL, "--json"},
		{"compare", dir, "--target", srv.URL},
		{"compare", dir, "--target", emuSrv.URL, "--json"},
	} {
		var stdout, stderr syncBuffer
		code := make(chan int, 1)
		go func() { code <- Run(args, strings.NewReader(""), &stdout, &stderr) }()
		// The load has started (JSON prints nothing before: wait a while).
		deadline := time.Now().Add(10 * time.Second)
		for !strings.Contains(stderr.String(), "Sending load") && time.Now().Before(deadline) {
			time.Sleep(20 * time.Millisecond)
			if strings.Contains(strings.Join(args, " "), "--json") && time.Until(deadline) < 8500*time.Millisecond {
				break
			}
		}
		time.Sleep(500 * time.Millisecond)
		syscall.Kill(os.Getpid(), syscall.SIGINT)
		var got int
		select {
		case got = <-code:
		case <-time.After(20 * time.Second):
			t.Fatalf("%v: still running 20 s after the interrupt", args)
		}
		out, errs := stdout.String(), stderr.String()
		if got != ExitError {
			t.Errorf("%v: exit %d after an interrupt, want %d\nstdout:\n%s\nstderr:\n%s", args, got, ExitError, out, errs)
		}
		if !strings.Contains(errs, "Interrupt received") {
			t.Errorf("%v: stderr does not announce the interrupt:\n%s", args, errs)
		}
		if strings.Contains(strings.Join(args, " "), "--json") {
			var v struct {
				Interrupted *bool `json:"interrupted"`
				Measured    *struct {
					Interrupted bool `json:"interrupted"`
				} `json:"measured"`
				EntryStats *struct{ Requests int64 } `json:"entry_stats"`
				Pass       *bool                     `json:"pass"`
			}
			if err := json.Unmarshal([]byte(out), &v); err != nil {
				t.Fatalf("%v: %v\n%s", args, err, out)
			}
			if (v.Interrupted == nil || !*v.Interrupted) && (v.Measured == nil || !v.Measured.Interrupted) {
				t.Errorf("%v: the JSON does not say the test was interrupted:\n%s", args, out)
			}
			if v.Pass == nil || *v.Pass {
				t.Errorf("%v: an interrupted test's JSON says pass %v, want false:\n%s", args, v.Pass, out)
			}
			if args[0] == "compare" && (v.EntryStats == nil || v.EntryStats.Requests == 0) {
				t.Errorf("%v: no entry_stats of the emulated entry after the interrupt:\n%s", args, out)
			}
			continue
		}
		if !strings.Contains(out, "interrupted after") || strings.Contains(out, "PASS: all") {
			t.Errorf("%v: the report does not say the measurement is partial:\n%s", args, out)
		}
	}
}
