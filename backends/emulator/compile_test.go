package emulator

import (
	"encoding/base64"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

func pubSpec() *lang.Spec {
	gw := service("gateway", 8, 8, 0,
		endpoint("list_orders", par(callFallback("users", lang.FallbackDefault), seq(call("orders"), call("products")))),
		endpoint("order", &lang.Step{Kind: lang.StepPublish, Publish: &lang.Publish{Queue: "events", Probability: 1}}))
	gw.Ports = []lang.Port{{Published: 18080, Target: 9000}}
	gw.Health = &lang.Health{HTTP: "/health"}
	mailer := service("mailer", 2, 2, time.Millisecond, endpoint("send"))
	mailer.Consumes = []*lang.Consume{{Queue: "events", Concurrency: 2, Endpoint: "send"}}
	spec := testSpec(gw, mailer, service("users", 8, 8, 0), service("orders", 8, 8, 0, endpoint("list")), service("products", 8, 8, 0, endpoint("get")))
	spec.Queues["events"] = &lang.Queue{Name: "events", Kind: lang.QueueKafka, Partitions: 3}
	addLink(spec, &lang.Link{From: "gateway", To: "orders", Timeout: 300 * time.Millisecond,
		Retry: &lang.Retry{Attempts: 3}, LoadBalancing: lang.LBP2C})
	return spec
}

func TestCompile(t *testing.T) {
	c, err := Compile(pubSpec(), "gateway")
	if err != nil {
		t.Fatal(err)
	}
	if c.Port != 9000 || c.HealthPath != "/health" || len(c.Endpoints) != 2 {
		t.Errorf("config %+v", c)
	}
	var links []string
	for _, l := range c.Links {
		links = append(links, l.To)
	}
	if !reflect.DeepEqual(links, []string{"orders", "products", "users"}) {
		t.Errorf("links %v; want sorted by callee", links)
	}
	o := c.Link("orders")
	if o.Timeout != 300*time.Millisecond || o.Retry == nil || o.LoadBalancing != lang.LBP2C || o.Port != DefaultPort || o.Paths[""] != "/list" {
		t.Errorf("orders link %+v", o)
	}
	if u := c.Link("users"); u.Paths[""] != "/" || u.Timeout != 0 || u.Retry != nil {
		t.Errorf("users link (no endpoints, no link block) %+v", u)
	}
	q := c.Queue("events")
	if q == nil || len(q.Consumers) != 1 || q.Consumers[0] != (Consumer{Service: "mailer", Port: DefaultPort, Path: "/send", Concurrency: 2}) {
		t.Errorf("queue %+v", q)
	}
}

func TestCompileErrors(t *testing.T) {
	spec := pubSpec()
	if _, err := Compile(spec, "nope"); err == nil || !strings.Contains(err.Error(), `no service "nope"`) {
		t.Errorf("unknown service: %v", err)
	}
	spec.Services["gateway"].Endpoints[0].Flow.Children = append(spec.Services["gateway"].Endpoints[0].Flow.Children, call("ghost"))
	if _, err := Compile(spec, "gateway"); err == nil || !strings.Contains(err.Error(), "ghost") {
		t.Errorf("unknown callee: %v", err)
	}
}

func TestEncodeIsDeterministicAndRoundTrips(t *testing.T) {
	var encs []string
	for range 5 {
		c, err := Compile(pubSpec(), "gateway")
		if err != nil {
			t.Fatal(err)
		}
		e, err := c.Encode()
		if err != nil {
			t.Fatal(err)
		}
		encs = append(encs, e)
	}
	for _, e := range encs[1:] {
		if e != encs[0] {
			t.Fatal("Encode differs between equal specs")
		}
	}
	if strings.ContainsAny(encs[0], " \n\"'$") {
		t.Errorf("encoding is not env-safe: %q", encs[0])
	}
	back, err := Decode(encs[0])
	if err != nil {
		t.Fatal(err)
	}
	want, _ := Compile(pubSpec(), "gateway")
	if e, _ := back.Encode(); e != encs[0] || back.Link("orders").Timeout != want.Link("orders").Timeout {
		t.Error("Decode(Encode(c)) differs from c")
	}
	if _, err := Decode("not a config"); err == nil {
		t.Error("Decode accepted garbage")
	}
}

func TestScalingDoesNotChangeTheConfig(t *testing.T) {
	a, _ := Compile(pubSpec(), "gateway")
	spec := pubSpec()
	spec.Services["gateway"].Replicas = 7
	spec.Services["orders"].Replicas = 5
	b, _ := Compile(spec, "gateway")
	ea, _ := a.Encode()
	eb, _ := b.Encode()
	if ea != eb {
		t.Error("replica counts leaked into the config (scaling would recreate containers)")
	}
}

func TestContainerSpec(t *testing.T) {
	cmd, env, port, err := ContainerSpec(pubSpec(), "gateway")
	if err != nil {
		t.Fatal(err)
	}
	if port != 9000 || !reflect.DeepEqual(cmd, []string{"--listen", ":9000"}) || len(env) != 1 || !strings.HasPrefix(env[0], EnvConfig+"=") {
		t.Errorf("cmd %v env %v port %d", cmd, env, port)
	}
	c, err := Decode(strings.TrimPrefix(env[0], EnvConfig+"="))
	if err != nil || c.Service != "gateway" {
		t.Errorf("env does not decode: %v", err)
	}
	if got := HealthcheckTest(9000); !reflect.DeepEqual(got, []string{"CMD", "/berth", "emulate", "--probe", "http://127.0.0.1:9000/healthz"}) {
		t.Errorf("healthcheck %v", got)
	}
}

func TestPublishDeliversToConsumers(t *testing.T) {
	c := newCluster(t)
	spec := pubSpec()
	c.start(spec, "mailer", 1)
	c.start(spec, "gateway", 1)
	for range 3 {
		code, _, r := c.get("gateway", "/order")
		if code != 200 || len(r.Published) != 1 || !r.Published[0].Accepted {
			t.Fatalf("publish: %d %+v", code, r)
		}
	}
	eventually(t, "3 deliveries", func() bool { return c.stats("gateway").Queues["events"].Delivered == 3 })
	if st := c.stats("mailer"); st.Requests != 3 {
		t.Errorf("mailer stats %+v", st)
	}
}

// CheckContainerSpec gives validate what ContainerSpec gives plan, except
// the encoded config: the same command, port and errors.
func TestCheckContainerSpec(t *testing.T) {
	spec := pubSpec()
	for _, name := range []string{"gateway", "mailer", "nope"} {
		cmd, env, port, err := ContainerSpec(spec, name)
		ccmd, cenv, cport, cerr := CheckContainerSpec(spec, name)
		if !reflect.DeepEqual(cmd, ccmd) || port != cport || (err == nil) != (cerr == nil) {
			t.Errorf("%s: check gives %v %d %v, plan gives %v %d %v", name, ccmd, cport, cerr, cmd, port, err)
		}
		if err != nil {
			if err.Error() != cerr.Error() {
				t.Errorf("%s: check error %q, plan error %q", name, cerr, err)
			}
			continue
		}
		if len(cenv) != 1 || !strings.HasPrefix(cenv[0], EnvConfig+"=") || cenv[0] == env[0] {
			t.Errorf("%s: check env %v should name %s without the encoded config", name, cenv, EnvConfig)
		}
	}
}

// A small config is base64 of its JSON (no compressor to set up); one over
// plainLimit is gzipped first, to stay well below the kernel's limit on an
// environment string. Both are env-safe and decode to the config.
func TestEncodeSmallPlainLargeCompressed(t *testing.T) {
	small, err := Compile(pubSpec(), "gateway")
	if err != nil {
		t.Fatal(err)
	}
	large, _ := Compile(pubSpec(), "gateway")
	for i := 0; i < 2000; i++ {
		large.Endpoints = append(large.Endpoints, Endpoint{Name: fmt.Sprintf("endpoint-%04d", i)})
	}
	for _, tc := range []struct {
		name    string
		c       *Config
		gzipped bool
	}{{"small", small, false}, {"large", large, true}} {
		enc, err := tc.c.Encode()
		if err != nil {
			t.Fatal(err)
		}
		raw, err := base64.StdEncoding.DecodeString(enc)
		if err != nil {
			t.Fatalf("%s: not base64: %v", tc.name, err)
		}
		if gz := len(raw) > 1 && raw[0] == 0x1f && raw[1] == 0x8b; gz != tc.gzipped {
			t.Errorf("%s: gzipped %v, want %v (%d bytes of JSON)", tc.name, gz, tc.gzipped, len(raw))
		}
		if strings.ContainsAny(enc, " \n\"'$") || len(enc) > 128<<10 {
			t.Errorf("%s: %d bytes, not env-safe", tc.name, len(enc))
		}
		back, err := Decode(enc)
		if err != nil || len(back.Endpoints) != len(tc.c.Endpoints) {
			t.Errorf("%s: decode: %v", tc.name, err)
		}
	}
}
