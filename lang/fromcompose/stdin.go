package fromcompose

import (
	"io"
	"os"
	"sync"
)

// StdinFile is the Compose file name that means standard input, as in
// `docker compose -f -`: paths in it are relative to the working
// directory, and the project is named after that directory (unless the
// file or -p names it).
const StdinFile = "-"

// stdinMu serializes the loads that hand standard input to compose-go,
// which reads os.Stdin itself for the file "-".
var stdinMu sync.Mutex

// withStdin runs load with os.Stdin reading data: berth read standard
// input once (Options.Stdin) for its own locator and snippets, and
// compose-go reads the file "-" from os.Stdin again.
func withStdin(data []byte, load func() error) error {
	r, w, err := os.Pipe()
	if err != nil {
		return err
	}
	stdinMu.Lock()
	defer stdinMu.Unlock()
	saved := os.Stdin
	os.Stdin = r
	defer func() { os.Stdin = saved; r.Close() }()
	go func() { // a file larger than the pipe's buffer is written as read
		w.Write(data)
		w.Close()
	}()
	return load()
}

// readStdin reads the Compose file given as "-" from in (os.Stdin when
// nil).
func readStdin(in io.Reader) ([]byte, error) {
	if in == nil {
		in = os.Stdin
	}
	return io.ReadAll(in)
}

// sourceNames names the Compose files for the imported source's header:
// relative to dir, and "-" as standard input.
func sourceNames(dir string, files []string) []string {
	out := relAll(dir, files)
	for i, f := range files {
		if f == StdinFile {
			out[i] = "standard input"
		}
	}
	return out
}
