package swarmtest

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"runtime"
	"time"

	"golang.org/x/sys/unix"
)

// Dial connects to 127.0.0.1:port inside the node's network namespace: the
// port a host-mode published task binds there. The socket is made on an OS
// thread that joined the namespace and is then discarded, so the rest of
// the process stays in its own namespace. Needs root (CAP_SYS_ADMIN).
func (n *Node) Dial(ctx context.Context, port int) (net.Conn, error) {
	if n.NetNS == "" {
		return nil, fmt.Errorf("node %d: the lab gave no network namespace", n.Index)
	}
	type result struct {
		c   net.Conn
		err error
	}
	ch := make(chan result, 1)
	go func() {
		// Never unlocked: the goroutine exits with the thread locked, so the
		// runtime ends the thread instead of reusing it in the wrong netns.
		runtime.LockOSThread()
		c, err := dialIn(ctx, n.NetNS, port)
		ch <- result{c, err}
	}()
	r := <-ch
	return r.c, r.err
}

func dialIn(ctx context.Context, nsPath string, port int) (net.Conn, error) {
	f, err := os.Open(nsPath)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if err := unix.Setns(int(f.Fd()), unix.CLONE_NEWNET); err != nil {
		return nil, fmt.Errorf("setns %s: %w", nsPath, err)
	}
	d := net.Dialer{Timeout: 5 * time.Second}
	return d.DialContext(ctx, "tcp", fmt.Sprintf("127.0.0.1:%d", port))
}

// HTTPClient returns a client whose every connection goes to 127.0.0.1:port
// inside the node's namespace, whatever the URL's host says.
func (n *Node) HTTPClient(port int, timeout time.Duration) *http.Client {
	return &http.Client{
		Timeout: timeout,
		Transport: &http.Transport{
			DisableKeepAlives: true,
			DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
				return n.Dial(ctx, port)
			},
		},
	}
}
