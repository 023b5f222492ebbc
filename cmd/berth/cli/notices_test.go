package cli

import (
	"context"
	"testing"
	"time"
)

// TestNoticeAfter: slow work gets its line once it takes longer than the
// delay; quick work, or a context without a writer, gets none.
func TestNoticeAfter(t *testing.T) {
	var w syncBuffer
	ctx := withNotices(context.Background(), &w)

	done := noticeAfter(ctx, time.Hour, "quick")
	done()
	done = noticeAfter(ctx, time.Millisecond, "slow work...")
	deadline := time.Now().Add(5 * time.Second)
	for w.String() == "" && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	done()
	if got := w.String(); got != "slow work...\n" {
		t.Errorf("notices %q, want only the slow one", got)
	}
	noticeAfter(context.Background(), 0, "nowhere")() // no writer: nothing, no panic
}
