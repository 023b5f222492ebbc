package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
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
func TestApplyShopEmulated(t *testing.T) {
	cli := dockertest.Client(t)
	dir, project, port := shopCopy(t)
	t.Setenv(backends.EnvStateDir, t.TempDir())
	t.Cleanup(func() { removeProjectObjects(project) })
	_ = cli

	out := runBerth(t, 0, "apply", "--auto-approve", "--emulate", dir)
	if !strings.Contains(out, "Apply complete!") {
		t.Fatalf("apply:\n%s", out)
	}

	resp := getJSON(t, fmt.Sprintf("http://127.0.0.1:%d/", port))
	if resp.Service != "gateway" || resp.Error != "" {
		t.Fatalf("gateway answered %+v", resp)
	}
	called := map[string]emulator.CallResult{}
	for _, c := range resp.Calls {
		called[c.Service] = c
	}
	for _, svc := range []string{"auth", "users", "orders", "products"} {
		c, ok := called[svc]
		if !ok || c.Status != 200 {
			t.Errorf("the gateway's call to %s: %+v", svc, c)
			continue
		}
		var body emulator.Response
		if err := json.Unmarshal(c.Body, &body); err != nil || body.Service != svc {
			t.Errorf("%s's answer inside the gateway's: %s (%v)", svc, c.Body, err)
		}
		if svc == "orders" && len(body.Calls) == 0 {
			t.Errorf("orders answered without calling its store: %s", c.Body)
		}
	}

	if out := runBerth(t, 0, "plan", "-detailed-exitcode", "--emulate", dir); !strings.Contains(out, "No changes.") {
		t.Errorf("second plan:\n%s", out)
	}
	if out := runBerth(t, 0, "destroy", "--auto-approve", dir); !strings.Contains(out, "Destroy complete!") {
		t.Errorf("destroy:\n%s", out)
	}
}

// shopCopy copies examples/shop to a temporary directory with a project
// name and a published port of its own, and patient health checks.
func shopCopy(t *testing.T) (dir, project string, port int) {
	t.Helper()
	src := filepath.Join("..", "..", "..", "examples", "shop")
	dir = t.TempDir()
	project = fmt.Sprintf("bshop%d", time.Now().UnixNano()%1e9)
	port = freePortRange(t, 3)
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
		os.MkdirAll(filepath.Join(dir, filepath.Dir(rel)), 0o755)
		return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return dir, project, port
}

// freePortRange finds n consecutive free ports on 127.0.0.1.
func freePortRange(t *testing.T, n int) int {
	t.Helper()
	for base := 20000 + int(time.Now().UnixNano()%20000); base < 60000; base += n {
		ok := true
		for i := 0; i < n && ok; i++ {
			l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", base+i))
			if err != nil {
				ok = false
				continue
			}
			l.Close()
		}
		if ok {
			return base
		}
	}
	t.Fatal("no free port range")
	return 0
}

// runBerth runs berth in-process and checks its exit code.
func runBerth(t *testing.T, want int, args ...string) string {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(args, strings.NewReader(""), &out, &errb)
	if code != want {
		t.Fatalf("berth %s: exit %d, want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(args, " "), code, want, out.String(), errb.String())
	}
	return out.String()
}

func getJSON(t *testing.T, url string) emulator.Response {
	t.Helper()
	var last error
	for i := 0; i < 100; i++ {
		resp, err := http.Get(url)
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			var r emulator.Response
			if resp.StatusCode == 200 {
				if err := json.Unmarshal(body, &r); err != nil {
					t.Fatalf("GET %s: %v: %s", url, err, body)
				}
				return r
			}
			err = fmt.Errorf("status %d: %s", resp.StatusCode, body)
		}
		last = err
		time.Sleep(200 * time.Millisecond)
	}
	t.Fatalf("GET %s: %v", url, last)
	return emulator.Response{}
}
