package backends

import (
	"os/user"
	"testing"
)

// TestLockNamesTheUserWithoutUSER: a lock taken where $USER is unset (a
// CI job, a container, cron) names the account of the process's uid, as
// the lock message in docs/deploy.md shows ("(user root)"); it named no
// user.
func TestLockNamesTheUserWithoutUSER(t *testing.T) {
	me, err := user.Current()
	if err != nil {
		t.Skipf("no account for this uid: %v", err)
	}
	t.Setenv(EnvStateDir, t.TempDir())
	t.Setenv("USER", "")
	release, _, err := Lock("p", false, "berth apply")
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	holder, err := readLock(LockPath("p"))
	if err != nil {
		t.Fatal(err)
	}
	if holder.User != me.Username {
		t.Errorf("the lock names user %q, want %q (the uid's account)", holder.User, me.Username)
	}
}
