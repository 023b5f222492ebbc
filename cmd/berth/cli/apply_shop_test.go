package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/dockertest"
	"github.com/berth-dev/berth/backends/emulator"
)

// TestApplyShopEmulated deploys examples/shop under the emulator on the
// real engine (a copy with its own project name and host port), asks the
// gateway on 127.0.0.1 for the user order list, and checks the answer was
// assembled from its downstreams; then plans again (empty) and destroys.
//
// The machine running the tests is shared and can be very busy (load
// averages of 50 on 2 cores were seen): apply waits up to shopWait for
// health, and the gateway is asked again, for up to shopWait, until one
// answer is assembled from all its downstreams. What is asserted of that
// answer is not relaxed; only how long the test waits for it.
func TestApplyShopEmulated(t *testing.T) {
	dockertest.Client(t)
	dir, project, port := shopCopy(t)
	t.Setenv(backends.EnvStateDir, t.TempDir())
	t.Cleanup(func() { removeProjectObjects(project) })

	out := runBerth(t, 0, "apply", "--auto-approve", "--emulate", "--wait", shopWait.String(), dir)
	if !strings.Contains(out, "Apply complete!") {
		t.Fatalf("apply:\n%s", out)
	}

	url := fmt.Sprintf("http://127.0.0.1:%d/", port)
	deadline := time.Now().Add(shopWait)
	var problems []string
	for attempt := 1; ; attempt++ {
		resp, err := getJSONOnce(url)
		if err != nil {
			problems = []string{err.Error()}
		} else {
			problems = assembledProblems(resp)
		}
		if len(problems) == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after %d requests in %s, the gateway's last answer was not assembled from its downstreams:\n  %s",
				attempt, shopWait, strings.Join(problems, "\n  "))
		}
		if attempt%10 == 0 {
			t.Logf("request %d to the gateway: %s (asking again)", attempt, strings.Join(problems, "; "))
		}
		time.Sleep(500 * time.Millisecond)
	}

	if out := runBerth(t, 0, "plan", "-detailed-exitcode", "--emulate", dir); !strings.Contains(out, "No changes.") {
		t.Errorf("second plan:\n%s", out)
	}
	if out := runBerth(t, 0, "destroy", "--auto-approve", dir); !strings.Contains(out, "Destroy complete!") {
		t.Errorf("destroy:\n%s", out)
	}
}

// shopWait bounds each wait of the shop test: apply's wait for health, and
// the requests until the gateway's answer is complete.
const shopWait = 10 * time.Minute

// assembledProblems says what keeps the gateway's answer from being one
// assembled from its downstreams: the gateway answered without error, its
// calls to auth, users, orders and products each returned 200 with that
// service's own answer, and orders called its store. None means it is.
func assembledProblems(resp emulator.Response) []string {
	if resp.Service != "gateway" || resp.Error != "" {
		return []string{fmt.Sprintf("gateway answered %+v", resp)}
	}
	called := map[string]emulator.CallResult{}
	for _, c := range resp.Calls {
		called[c.Service] = c
	}
	var problems []string
	for _, svc := range []string{"auth", "users", "orders", "products"} {
		c, ok := called[svc]
		if !ok || c.Status != 200 {
			problems = append(problems, fmt.Sprintf("the gateway's call to %s: %+v", svc, c))
			continue
		}
		var body emulator.Response
		if err := json.Unmarshal(c.Body, &body); err != nil || body.Service != svc {
			problems = append(problems, fmt.Sprintf("%s's answer inside the gateway's: %s (%v)", svc, c.Body, err))
		}
		if svc == "orders" && len(body.Calls) == 0 {
			problems = append(problems, fmt.Sprintf("orders answered without calling its store: %s", c.Body))
		}
	}
	return problems
}

// getJSONOnce asks url once, with a bounded wait, for a 200 answer.
func getJSONOnce(url string) (emulator.Response, error) {
	var r emulator.Response
	resp, err := (&http.Client{Timeout: 30 * time.Second}).Get(url)
	if err != nil {
		return r, err
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		return r, fmt.Errorf("GET %s: status %d: %s", url, resp.StatusCode, body)
	}
	if err := json.Unmarshal(body, &r); err != nil {
		return r, fmt.Errorf("GET %s: %v: %s", url, err, body)
	}
	return r, nil
}

// shopCopy copies examples/shop to a temporary directory with a project
// name and a published port of its own, and patient health checks.
func shopCopy(t *testing.T) (dir, project string, port int) {
	t.Helper()
	src := filepath.Join("..", "..", "..", "examples", "shop")
	dir = t.TempDir()
	project = fmt.Sprintf("bshop%d", time.Now().UnixNano()%1e9)
	port = dockertest.FreePortRange(t, 3)
	err := filepath.Walk(src, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.HasSuffix(p, ".berth.hcl") {
			data = regexp.MustCompile(`project\s*=\s*"shop"`).ReplaceAll(data, []byte(`project = "`+project+`"`))
			data = regexp.MustCompile(`published\s*=\s*8080`).ReplaceAll(data, []byte(fmt.Sprintf("published = %d", port)))
		}
		if filepath.Base(p) == "services.berth.hcl" {
			// The machine running the tests is shared: a health probe (an
			// exec in the container) may take longer than the shop's 1s.
			data = regexp.MustCompile(`(timeout\s*=\s*)"1s"`).ReplaceAll(data, []byte(`${1}"20s"`))
		}
		if filepath.Base(p) == "links.berth.hcl" {
			// Likewise a call: the shop's per-attempt timeouts (10 to
			// 300 ms) are its latency policy, not what this test checks,
			// and a busy machine exceeds them.
			data = regexp.MustCompile(`(timeout\s*=\s*)"\d+ms"`).ReplaceAll(data, []byte(`${1}"10s"`))
		}
		os.MkdirAll(filepath.Join(dir, filepath.Dir(rel)), 0o755)
		return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir, project, port
}

// runBerth runs berth in-process and checks its exit code.
func runBerth(t *testing.T, want int, args ...string) string {
	t.Helper()
	out, _ := runBerthOutput(t, want, args...)
	return out
}
