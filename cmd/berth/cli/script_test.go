package cli

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the test binary act as the berth command, so the .txtar
// scripts under testdata/script run `exec berth ...` in-process-built.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"berth": func() { os.Exit(Main()) },
	})
}

// TestScripts runs the CLI scripts in testdata/script. $EXAMPLES is the
// repository's examples directory. BERTH_UPDATE=1 rewrites the expected
// files of failing `cmp` commands inside the scripts.
func TestScripts(t *testing.T) {
	examples, err := filepath.Abs(filepath.Join("..", "..", "..", "examples"))
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join("testdata", "script"),
		UpdateScripts:       os.Getenv("BERTH_UPDATE") != "",
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("EXAMPLES", examples)
			return setupDeployEnv(env)
		},
		Condition: engineCondition,
		Cmds: map[string]func(*testscript.TestScript, bool, []string){
			"exitcode": cmdExitCode,
			"freeport": cmdFreePort,
		},
	})
}

// cmdExitCode is the script command `exitcode N command [args...]`: it runs
// the command like exec (stdout and stderr are kept for the next checks)
// and fails unless the command exits with status N.
func cmdExitCode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exitcode N command [args...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("%s: %v", args[1], err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}

// cmdFreePort is the script command `freeport NAME...`: it sets each
// environment variable NAME to a different TCP port of 127.0.0.1 that
// nothing listens on, for a script to serve on and to name in its spec
// (BERTH_VAR_port=$NAME), so that scripts running at the same time, in
// this run or another, do not collide on a fixed port.
func cmdFreePort(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: freeport NAME...")
	}
	for _, name := range args {
		port, err := reservePort()
		ts.Check(err)
		ts.Setenv(name, strconv.Itoa(port))
	}
}

// portsGiven are the ports reservePort handed out in this test binary:
// never twice, though the script may not have bound them yet.
var portsGiven = struct {
	sync.Mutex
	m map[int]bool
}{m: map[int]bool{}}

// reservePort draws a port at random from 20000 up to the kernel's
// ephemeral range, which it stays below: a connection's local port or a
// kernel-chosen free port (other tests ask for port 0) cannot take it
// between now and the script's listen. Nothing must listen on it now.
func reservePort() (int, error) {
	low, high := 20000, ephemeralLow()-1
	portsGiven.Lock()
	defer portsGiven.Unlock()
	for range 200 {
		p := low + rand.IntN(high-low+1)
		if portsGiven.m[p] {
			continue
		}
		ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(p)))
		if err != nil {
			continue
		}
		ln.Close()
		portsGiven.m[p] = true
		return p, nil
	}
	return 0, fmt.Errorf("no free port of 127.0.0.1 in %d–%d after 200 tries", low, high)
}

// ephemeralLow is the first port of the kernel's ephemeral range (Linux's
// default, 32768, where it cannot be read or leaves too little below it).
func ephemeralLow() int {
	b, err := os.ReadFile("/proc/sys/net/ipv4/ip_local_port_range")
	if f := strings.Fields(string(b)); err == nil && len(f) == 2 {
		if n, err := strconv.Atoi(f[0]); err == nil && n > 21000 {
			return n
		}
	}
	return 32768
}
