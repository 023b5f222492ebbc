package backends

import (
	"sync"
	"testing"
)

// Two berths locking the same project at the same moment: exactly one
// gets it. A lock file seen between its creation and its content being
// written must not look like a broken lock that can be taken over.
func TestLockConcurrentTakersOneWins(t *testing.T) {
	t.Setenv(EnvStateDir, t.TempDir())
	for round := 0; round < 300; round++ {
		var (
			wg       sync.WaitGroup
			mu       sync.Mutex
			releases []func() error
		)
		for range 6 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				release, _, err := Lock("race", false, "berth apply")
				if err == nil {
					mu.Lock()
					releases = append(releases, release)
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		if len(releases) != 1 {
			t.Fatalf("round %d: %d takers got the lock at once, want 1", round, len(releases))
		}
		if err := releases[0](); err != nil {
			t.Fatal(err)
		}
	}
}
