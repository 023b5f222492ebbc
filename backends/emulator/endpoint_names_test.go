package emulator

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/berth-dev/berth/lang"
)

// TestEndpointNamesThatNeedEscaping: endpoints whose names are not plain
// path segments ("x/y", "a b", "menü") are reached by their callers: the
// caller sends the escaped path and the callee routed on the unescaped
// one, so "x/y" answered 404 and failed every request through it.
func TestEndpointNamesThatNeedEscaping(t *testing.T) {
	names := []string{"x/y", "a b", "menü", "50%"}
	var steps []*lang.Step
	var eps []*lang.Endpoint
	for _, n := range names {
		st := call("back")
		st.Call.Endpoint = n
		steps = append(steps, st)
		eps = append(eps, endpoint(n))
	}
	spec := testSpec(service("front", 4, 4, 0, endpoint("go", steps...)), service("back", 4, 4, 0, eps...))
	addLink(spec, &lang.Link{From: "front", To: "back"})
	c := newCluster(t)
	c.start(spec, "back", 1)
	c.start(spec, "front", 1)
	code, _, r := c.get("front", "/go")
	if code != 200 || len(r.Calls) != len(names) {
		t.Fatalf("GET /go: %d with %d calls, want 200 with %d: %+v", code, len(r.Calls), len(names), r)
	}
	for i, cl := range r.Calls {
		var body Response
		json.Unmarshal(cl.Body, &body)
		if cl.Status != 200 || body.Endpoint != names[i] {
			t.Errorf("call %d to endpoint %q: status %d, body %s", i, names[i], cl.Status, cl.Body)
		}
	}
}

// TestEndpointOverHealthPath: an endpoint at the path of the spec's
// health.http is served as the endpoint (the emulated container's probe
// asks for /healthz), and an endpoint named healthz, which would take
// the probe's path, is refused when the emulator is compiled.
func TestEndpointOverHealthPath(t *testing.T) {
	back := service("back", 4, 4, 0, endpoint("status"))
	back.Health = &lang.Health{HTTP: "/status"}
	spec := testSpec(back)
	c := newCluster(t)
	c.start(spec, "back", 1)
	if code, _, r := c.get("back", "/status"); code != 200 || r.Endpoint != "status" {
		t.Errorf("GET /status: %d %+v, want the endpoint status", code, r)
	}

	_, err := Compile(testSpec(service("api", 4, 4, 0, endpoint("get"), endpoint("healthz"))), "api")
	if err == nil || !strings.Contains(err.Error(), `endpoint "healthz"`) || !strings.Contains(err.Error(), "rename the endpoint") {
		t.Errorf("an endpoint named healthz: err %v, want it refused", err)
	}
}
