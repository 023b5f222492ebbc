package loadgen

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"

	"github.com/berth-dev/berth/lang"
)

// loopback is the only address load is ever sent to.
const loopback = "127.0.0.1"

// ErrNotLoopback is wrapped by every refusal of a target that is not
// 127.0.0.1.
var ErrNotLoopback = errors.New("berth sends load only to 127.0.0.1 (or localhost), never to another host")

// CheckTarget parses raw ("http://127.0.0.1:8080", "localhost:8080") and
// returns it as an http URL on 127.0.0.1, or an error wrapping
// ErrNotLoopback when it names any other host.
func CheckTarget(raw string) (*url.URL, error) {
	s := strings.TrimSpace(raw)
	if !strings.Contains(s, "://") {
		s = "http://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("target %q: %w", raw, err)
	}
	if u.Scheme != "http" {
		return nil, fmt.Errorf("target %q: only http:// is supported (the emulator speaks plain HTTP)", raw)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("target %q: give only http://HOST:PORT and an optional path prefix", raw)
	}
	host := u.Hostname()
	if !isLoopbackName(host) {
		return nil, fmt.Errorf("target %q: %w: %q is not", raw, ErrNotLoopback, host)
	}
	port := u.Port()
	if port == "" {
		port = "80"
	}
	if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
		return nil, fmt.Errorf("target %q: invalid port %q", raw, port)
	}
	u.Host = net.JoinHostPort(loopback, port)
	u.Path = strings.TrimRight(u.Path, "/")
	return u, nil
}

func isLoopbackName(host string) bool {
	return host == loopback || strings.EqualFold(host, "localhost")
}

// dialLoopback dials addr only when it is 127.0.0.1: the last guard, which
// also holds for redirects and for a client handed any URL.
func dialLoopback(d *net.Dialer) func(ctx context.Context, network, addr string) (net.Conn, error) {
	return func(ctx context.Context, network, addr string) (net.Conn, error) {
		host, port, err := net.SplitHostPort(addr)
		if err != nil {
			return nil, err
		}
		if !isLoopbackName(host) {
			return nil, fmt.Errorf("dial %s: %w", addr, ErrNotLoopback)
		}
		return d.DialContext(ctx, "tcp4", net.JoinHostPort(loopback, port))
	}
}

// DefaultTarget returns the URL of the load's entry service as the spec
// publishes it: its first published TCP port, on its host_ip when that is
// 127.0.0.1 or every address (empty, 0.0.0.0).
func DefaultTarget(spec *lang.Spec, ld *lang.Load) (*url.URL, error) {
	svc := spec.Service(ld.Entry.Service)
	if svc == nil {
		return nil, fmt.Errorf("load %q enters service %q, which the spec does not declare", ld.Name, ld.Entry.Service)
	}
	for _, p := range svc.Ports {
		if p.Published <= 0 || (p.Protocol != "" && p.Protocol != "tcp") {
			continue
		}
		switch p.HostIP {
		case "", "0.0.0.0", "::", loopback, "localhost":
			return CheckTarget("http://" + net.JoinHostPort(loopback, strconv.Itoa(p.Published)))
		default:
			return nil, fmt.Errorf("service %q publishes port %d on %s: %w; publish it on 127.0.0.1 or pass --target",
				svc.Name, p.Published, p.HostIP, ErrNotLoopback)
		}
	}
	return nil, fmt.Errorf("service %q publishes no TCP port, so there is no default target: add a port block (host_ip = \"127.0.0.1\") or pass --target http://127.0.0.1:PORT", svc.Name)
}
