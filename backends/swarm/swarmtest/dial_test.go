package swarmtest

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"runtime"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// listenIn listens on 127.0.0.1:0 inside the network namespace nsPath.
func listenIn(t *testing.T, nsPath string) net.Listener {
	t.Helper()
	type result struct {
		l   net.Listener
		err error
	}
	ch := make(chan result, 1)
	go func() {
		runtime.LockOSThread() // never unlocked: the thread dies with the goroutine
		f, err := os.Open(nsPath)
		if err == nil {
			defer f.Close()
			err = unix.Setns(int(f.Fd()), unix.CLONE_NEWNET)
		}
		if err != nil {
			ch <- result{err: err}
			return
		}
		l, err := net.Listen("tcp", "127.0.0.1:0")
		ch <- result{l, err}
	}()
	r := <-ch
	if r.err != nil {
		t.Fatal(r.err)
	}
	t.Cleanup(func() { r.l.Close() })
	return r.l
}

// TestDialReachesNodeLoopback: Node.Dial reaches a listener on the node's
// own 127.0.0.1, which the host's 127.0.0.1 does not have.
func TestDialReachesNodeLoopback(t *testing.T) {
	lab := Get(t)
	n := lab.Nodes[len(lab.Nodes)-1]
	l := listenIn(t, n.NetNS)
	port := l.Addr().(*net.TCPAddr).Port
	accepted := make(chan struct{}, 2)
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			accepted <- struct{}{}
			io.WriteString(c, "hello from the node")
			c.Close()
		}
	}()

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c, err := n.Dial(ctx, port)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(c)
	c.Close()
	if string(b) != "hello from the node" {
		t.Errorf("read %q", b)
	}
	<-accepted
	// The host's 127.0.0.1:port may belong to another program of the host
	// (the node's kernel chose the port without knowing the host's), as it
	// does here: what must not happen is that the node's listener takes the
	// connection. The test failed whenever the host's port answered.
	if h, err := net.Listen("tcp", l.Addr().String()); err == nil {
		defer h.Close()
	}
	if hc, err := net.DialTimeout("tcp", l.Addr().String(), time.Second); err == nil {
		defer hc.Close()
		select {
		case <-accepted:
			t.Errorf("the host's 127.0.0.1:%d reached the node's listener: it is not in the node's namespace", port)
		case <-time.After(time.Second):
		}
	}
}

// TestDialReturnsHome: the thread that dialled into a node is back in the
// process's namespace afterwards, so no thread (the main one included) is
// left in the node's: swarm-lab.sh kill SIGKILLs the processes there.
func TestDialReturnsHome(t *testing.T) {
	lab := Get(t)
	n := lab.Nodes[len(lab.Nodes)-1]
	l := listenIn(t, n.NetNS)
	port := l.Addr().(*net.TCPAddr).Port
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	self := fmt.Sprintf("/proc/self/task/%d/ns/net", unix.Gettid())
	before, err := os.Readlink(self)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	c, home, err := dialIn(ctx, n.NetNS, port)
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	after, _ := os.Readlink(self)
	if !home || after != before {
		t.Errorf("after the dial the thread is in %s (home %v), it was in %s", after, home, before)
	}
}
