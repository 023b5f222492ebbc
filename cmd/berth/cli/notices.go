package cli

import (
	"context"
	"fmt"
	"io"
	"time"
)

// Notices are lines for the person at the terminal about slow work that
// would otherwise look like a hang (building the emulator image). Run puts
// its stderr in the command's context; code deep below a command finds it
// there without every signature carrying a writer.
type noticesKey struct{}

func withNotices(ctx context.Context, w io.Writer) context.Context {
	return context.WithValue(ctx, noticesKey{}, w)
}

// slowImageNotice is how long preparing the emulator image may take
// before the person is told why nothing happens: the memo and the engine
// answer in milliseconds, a build takes seconds to minutes.
const slowImageNotice = 2 * time.Second

// noticeAfter prints msg to ctx's notice writer if the returned done is not
// called within d. It prints nothing when ctx has no writer.
func noticeAfter(ctx context.Context, d time.Duration, msg string) (done func()) {
	w, _ := ctx.Value(noticesKey{}).(io.Writer)
	if w == nil {
		return func() {}
	}
	t := time.AfterFunc(d, func() { fmt.Fprintln(w, msg) })
	return func() { t.Stop() }
}
