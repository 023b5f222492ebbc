package emulator

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"
	"time"
)

func postFault(t *testing.T, url string, f Fault) int {
	t.Helper()
	js, _ := json.Marshal(f)
	resp, err := http.Post(url, "application/json", bytes.NewReader(js))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestFaults(t *testing.T) {
	c := newCluster(t)
	c.start(shop(0), "users", 1)
	fault := c.url("users", pathFault)

	if code := postFault(t, fault, Fault{Kind: "explode"}); code != http.StatusBadRequest {
		t.Errorf("unknown kind: %d", code)
	}
	// error: 500 until cleared.
	postFault(t, fault, Fault{Kind: FaultError})
	if code, _, _ := c.get("users", "/get"); code != http.StatusInternalServerError {
		t.Errorf("error fault: %d", code)
	}
	postFault(t, fault, Fault{Kind: FaultClear})
	if code, _, _ := c.get("users", "/get"); code != http.StatusOK {
		t.Errorf("after clear: %d", code)
	}
	// error with a probability: that share of 400 requests fails (a
	// binomial count: 0.25 ± 4.5 standard deviations).
	if code := postFault(t, fault, Fault{Kind: FaultError, Probability: 1.5}); code != http.StatusBadRequest {
		t.Errorf("probability 1.5: %d", code)
	}
	postFault(t, fault, Fault{Kind: FaultError, Probability: 0.25})
	failed := 0
	for range 400 {
		if code, _, _ := c.get("users", "/get"); code == http.StatusInternalServerError {
			failed++
		}
	}
	if failed < 60 || failed > 140 {
		t.Errorf("error fault at probability 0.25 failed %d of 400 requests, want about 100", failed)
	}
	postFault(t, fault, Fault{Kind: FaultClear})
	// slow: the extra delay is local work.
	postFault(t, fault, Fault{Kind: FaultSlow, Delay: "const(150ms)", Duration: "10s"})
	start := time.Now()
	c.get("users", "/get")
	if took := time.Since(start); took < 150*time.Millisecond {
		t.Errorf("slow fault: answered in %v", took)
	}
	// hang: neither requests nor /healthz answer until it ends. Without a
	// duration it lasts until the next fault: the probes cannot outlast it
	// (with 300ms, one run in 30 under two CPU burners asked /healthz after
	// the end and got its 200).
	postFault(t, fault, Fault{Kind: FaultHang})
	cl := &http.Client{Timeout: 100 * time.Millisecond}
	for _, p := range []string{"/get", "/healthz"} {
		if resp, err := cl.Get(c.url("users", p)); err == nil {
			resp.Body.Close()
			t.Errorf("%s answered %d during a hang", p, resp.StatusCode)
		}
	}
	// A hang of 300ms: a request asked at once is answered when it ends,
	// not before and not long after.
	start = time.Now()
	postFault(t, fault, Fault{Kind: FaultHang, Duration: "300ms"})
	code, _, _ := c.get("users", "/get")
	if took := time.Since(start); code != 200 || took < 300*time.Millisecond || took > 1500*time.Millisecond {
		t.Errorf("a request during a hang of 300ms: %d after %v", code, took)
	}
}
