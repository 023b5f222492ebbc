package cli

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/berth-dev/berth/internal/freeport"
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
// this run or another, do not collide on a fixed port. The port is drawn
// at random below the kernel's ephemeral range and never handed out twice
// in this test binary (internal/freeport).
func cmdFreePort(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: freeport NAME...")
	}
	for _, name := range args {
		port, err := freeport.Range(1)
		ts.Check(err)
		ts.Setenv(name, strconv.Itoa(port))
	}
}
