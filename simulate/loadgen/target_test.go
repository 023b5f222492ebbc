package loadgen

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

func TestCheckTarget(t *testing.T) {
	for _, tc := range []struct {
		in, want string // want "" = refused as not loopback; "!" = refused otherwise
	}{
		{"http://127.0.0.1:8080", "http://127.0.0.1:8080"},
		{"127.0.0.1:8080", "http://127.0.0.1:8080"},
		{"http://localhost:9000/api/", "http://127.0.0.1:9000/api"},
		{"LOCALHOST:9000", "http://127.0.0.1:9000"},
		{"http://127.0.0.1", "http://127.0.0.1:80"},
		{"http://10.0.0.1:8080", ""},
		{"http://example.com:8080", ""},
		{"http://127.0.0.2:8080", ""},
		{"http://0.0.0.0:8080", ""},
		{"http://[::1]:8080", ""},
		{"http://localhost.example.com:8080", ""},
		{"https://127.0.0.1:8443", "!"},
		{"http://user:pw@127.0.0.1:8080", "!"},
		{"http://127.0.0.1:8080/?x=1", "!"},
		{"http://127.0.0.1:99999", "!"},
	} {
		u, err := CheckTarget(tc.in)
		switch tc.want {
		case "":
			if !errors.Is(err, ErrNotLoopback) {
				t.Errorf("CheckTarget(%q) = %v, %v; want a refusal wrapping ErrNotLoopback", tc.in, u, err)
			}
		case "!":
			if err == nil || errors.Is(err, ErrNotLoopback) {
				t.Errorf("CheckTarget(%q) = %v, %v; want another error", tc.in, u, err)
			}
		default:
			if err != nil || u.String() != tc.want {
				t.Errorf("CheckTarget(%q) = %v, %v; want %s", tc.in, u, err, tc.want)
			}
		}
	}
}

func TestDefaultTarget(t *testing.T) {
	ld := &lang.Load{Name: "peak", Entry: lang.Ref{Service: "gw"}}
	for _, tc := range []struct {
		ports []lang.Port
		want  string // "" = an error
	}{
		{[]lang.Port{{Published: 8080, Target: 80, HostIP: "127.0.0.1"}}, "http://127.0.0.1:8080"},
		{[]lang.Port{{Published: 8081, Target: 80}}, "http://127.0.0.1:8081"},
		{[]lang.Port{{Published: 53, Target: 53, Protocol: "udp"}, {Published: 8082, Target: 80, HostIP: "0.0.0.0"}}, "http://127.0.0.1:8082"},
		{[]lang.Port{{Target: 80}}, ""},
		{[]lang.Port{{Published: 8080, Target: 80, HostIP: "192.168.1.10"}}, ""},
	} {
		spec := testSpec(&lang.Service{Name: "gw", Ports: tc.ports})
		u, err := DefaultTarget(spec, ld)
		if tc.want == "" {
			if err == nil {
				t.Errorf("ports %+v: target %v, want an error", tc.ports, u)
			}
			continue
		}
		if err != nil || u.String() != tc.want {
			t.Errorf("ports %+v: %v, %v; want %s", tc.ports, u, err, tc.want)
		}
	}
}

// The client never reaches another host: not directly, not through a
// redirect, and Run refuses such a target before sending anything.
func TestTrafficOnlyToLoopback(t *testing.T) {
	var hits atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		http.Redirect(w, r, "http://192.0.2.1:8080/elsewhere", http.StatusFound)
	}))
	defer srv.Close()
	client := newClient(4, time.Second)

	resp, err := client.Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound || hits.Load() != 1 {
		t.Errorf("redirect: status %d after %d hits; want the 302 itself, not followed", resp.StatusCode, hits.Load())
	}

	_, err = client.Get("http://192.0.2.1:8080/")
	if !errors.Is(err, ErrNotLoopback) {
		t.Errorf("GET of another host: %v, want ErrNotLoopback", err)
	}
	_, err = client.Get("http://localhost.:1/")
	if !errors.Is(err, ErrNotLoopback) {
		t.Errorf("GET of localhost.: %v, want ErrNotLoopback", err)
	}

	other := &url.URL{Scheme: "http", Host: "192.0.2.1:8080"}
	_, err = Run(context.Background(), Options{Target: other, Load: load(10, lang.ArrivalConstant, time.Second)})
	if err == nil || !strings.Contains(err.Error(), "only to 127.0.0.1") {
		t.Errorf("Run against 192.0.2.1: %v, want a refusal", err)
	}
}
