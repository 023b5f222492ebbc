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
// thread that joins the namespace and then returns to the process's own,
// so no thread of the process stays in the node's namespace: the runtime
// does not end a locked thread that happens to be the main one, and
// `swarm-lab.sh kill` SIGKILLs every process whose main thread is in the
// node's namespace (a test process that dialled a node was killed with it).
// Needs root (CAP_SYS_ADMIN).
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
		runtime.LockOSThread()
		c, home, err := dialIn(ctx, n.NetNS, port)
		if home {
			runtime.UnlockOSThread() // back in the process's namespace
		} // else: left locked, the runtime ends (or parks) the thread
		ch <- result{c, err}
	}()
	r := <-ch
	return r.c, r.err
}

// dialIn dials 127.0.0.1:port in the namespace at nsPath from the calling
// (locked) thread; home reports whether the thread is back in the
// namespace it started in.
func dialIn(ctx context.Context, nsPath string, port int) (c net.Conn, home bool, err error) {
	orig, err := os.Open(fmt.Sprintf("/proc/self/task/%d/ns/net", unix.Gettid()))
	if err != nil {
		return nil, true, err
	}
	defer orig.Close()
	f, err := os.Open(nsPath)
	if err != nil {
		return nil, true, err
	}
	defer f.Close()
	if err := unix.Setns(int(f.Fd()), unix.CLONE_NEWNET); err != nil {
		return nil, true, fmt.Errorf("setns %s: %w", nsPath, err)
	}
	d := net.Dialer{Timeout: 5 * time.Second}
	c, err = d.DialContext(ctx, "tcp", fmt.Sprintf("127.0.0.1:%d", port))
	home = unix.Setns(int(orig.Fd()), unix.CLONE_NEWNET) == nil
	return c, home, err
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
