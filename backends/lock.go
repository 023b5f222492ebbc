package backends

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/user"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// LockInfo says who holds a project's lock.
type LockInfo struct {
	PID     int       `json:"pid"`
	Host    string    `json:"host"`
	User    string    `json:"user,omitempty"`
	Since   time.Time `json:"since"`
	Command string    `json:"command,omitempty"`
}

func (l LockInfo) String() string {
	who := fmt.Sprintf("pid %d on %s", l.PID, l.Host)
	if l.User != "" {
		who += " (user " + l.User + ")"
	}
	s := who + ", since " + l.Since.Format(time.RFC3339)
	if l.Command != "" {
		s += ", running `" + l.Command + "`"
	}
	return s
}

// LockedError is returned when another process holds the lock.
type LockedError struct {
	Project string
	Path    string
	Holder  LockInfo
	// SameHost is true when the holder ran on this host, where berth
	// checked that its pid is still alive; a lock from another host (a
	// shared state directory) cannot be checked from here.
	SameHost bool
}

func (e *LockedError) Error() string {
	advice := fmt.Sprintf("Process %d is still running on this host: wait for it to finish. Use --force-unlock only if that pid is no longer a berth working on this project (pids are reused).", e.Holder.PID)
	if !e.SameHost {
		advice = fmt.Sprintf("The lock was taken on host %q, where berth cannot check whether pid %d still runs. Wait for it, or, once you are sure it has ended, run again with --force-unlock.", e.Holder.Host, e.Holder.PID)
	}
	return fmt.Sprintf("project %q is locked by %s.\nAnother berth apply or destroy is working on it. %s (lock file: %s)",
		e.Project, e.Holder, advice, e.Path)
}

// LockPath returns the lock file of a project.
func LockPath(project string) string { return filepath.Join(StateDir(), "locks", project+".lock") }

// Lock takes the per-project lock that keeps two applies (or an apply and a
// destroy) apart. It is a file created exclusively, holding the holder's
// pid, host, user, start time and command. A lock left by a process that no
// longer runs on this host is taken over; one held by a live process is
// refused with a LockedError naming it, unless force is set
// (--force-unlock). The returned func releases the lock.
func Lock(project string, force bool, command string) (release func() error, tookOver *LockInfo, err error) {
	path := LockPath(project)
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, nil, err
	}
	host, _ := os.Hostname()
	me := LockInfo{PID: os.Getpid(), Host: host, User: userName(), Since: time.Now().UTC().Truncate(time.Second), Command: command}
	data, _ := json.Marshal(me)
	for attempt := 0; attempt < 3; attempt++ {
		err := createWhole(path, data)
		if err == nil {
			return func() error { return releaseLock(path, me) }, tookOver, nil
		}
		if !errors.Is(err, os.ErrExist) {
			return nil, nil, err
		}
		holder, rerr := readLock(path)
		if rerr != nil && !errors.Is(rerr, os.ErrNotExist) {
			holder = LockInfo{Command: "unreadable lock: " + rerr.Error()}
		}
		if rerr == nil && !force && !(holder.Host == host && !alive(holder.PID)) {
			return nil, nil, &LockedError{Project: project, Path: path, Holder: holder, SameHost: holder.Host == host}
		}
		if rerr == nil {
			h := holder
			tookOver = &h
		}
		if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return nil, nil, err
		}
	}
	return nil, nil, fmt.Errorf("could not take the lock %s", path)
}

// userName is who runs berth, for the lock: $USER, or where it is unset
// (a CI job, a container, cron) the account of the process's uid.
func userName() string {
	if u := os.Getenv("USER"); u != "" {
		return u
	}
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return ""
}

// createWhole creates path holding data, failing with os.ErrExist when it
// exists. The file appears with its content (written aside, then linked),
// so another berth never reads a lock that is still empty and takes it for
// a broken one.
func createWhole(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), filepath.Base(path)+".new-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp)
	_, werr := f.Write(data)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return werr
	}
	return os.Link(tmp, path)
}

func readLock(path string) (LockInfo, error) {
	var l LockInfo
	data, err := os.ReadFile(path)
	if err != nil {
		return l, err
	}
	if err := json.Unmarshal(data, &l); err != nil {
		return l, fmt.Errorf("%s: %w", path, err)
	}
	return l, nil
}

// releaseLock removes the lock if it is still ours.
func releaseLock(path string, me LockInfo) error {
	l, err := readLock(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		return err
	}
	if l.PID != me.PID || l.Host != me.Host || !l.Since.Equal(me.Since) {
		return nil // forcibly taken by another process
	}
	return os.Remove(path)
}

// alive reports whether a process with pid runs on this host.
func alive(pid int) bool {
	if pid <= 0 {
		return false
	}
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// CommandLine renders os.Args for the lock's Command.
func CommandLine() string {
	return strings.Join(append([]string{filepath.Base(os.Args[0])}, os.Args[1:]...), " ")
}
