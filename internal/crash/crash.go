// Package crash owns what berth does with a panic it recovers: the person
// at the terminal gets the reason in one line and the path of a report
// with the stack, never the stack itself.
package crash

import (
	"fmt"
	"os"
	"runtime/debug"
	"time"
)

// Report writes what crashed, the panic value and the current goroutine's
// stack to a new file in the temporary directory, and returns a sentence
// that names it (or says why it could not be written).
func Report(what string, r any) string {
	f, err := os.CreateTemp("", "berth-crash-*.log")
	if err != nil {
		return fmt.Sprintf("(the crash report could not be written: %v)", err)
	}
	defer f.Close()
	fmt.Fprintf(f, "berth crashed %s at %s\npanic: %v\n\n%s", what, time.Now().UTC().Format(time.RFC3339), r, debug.Stack())
	return fmt.Sprintf("The stack is in %s: please attach it to a bug report.", f.Name())
}
