package cli

import (
	"os"
	"sync"
)

// exitNow ends the process (a variable so tests can watch it).
var exitNow = os.Exit

// The project locks this process holds, so a second interrupt, which
// exits at once, still releases them: the next apply then finds no lock
// instead of taking over a dead holder's (or being refused when its pid
// was reused).
var held = struct {
	sync.Mutex
	next     int
	releases map[int]func() error
}{releases: map[int]func() error{}}

// holdLock records release among the held locks and returns a release
// that forgets it.
func holdLock(release func() error) func() error {
	held.Lock()
	defer held.Unlock()
	id := held.next
	held.next++
	held.releases[id] = release
	return func() error {
		held.Lock()
		delete(held.releases, id)
		held.Unlock()
		return release()
	}
}

// releaseHeldLocks releases every lock this process holds.
func releaseHeldLocks() {
	held.Lock()
	defer held.Unlock()
	for id, release := range held.releases {
		release()
		delete(held.releases, id)
	}
}
