package swarmtest

import (
	"archive/tar"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/docker/docker/api/types/build"
	"github.com/docker/docker/client"
)

// UnhealthyProgram is a service that starts, listens on :8080 and never
// passes a health check: every request gets a 500, and run with --probe
// (the way berth's emulator image probes itself) it exits 1. Its image
// has no shell either, so a CMD-SHELL check fails too.
const UnhealthyProgram = `package main

import (
	"net/http"
	"os"
)

func main() {
	for _, a := range os.Args[1:] {
		if a == "--probe" {
			os.Exit(1)
		}
	}
	http.ListenAndServe(":8080", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusInternalServerError)
	}))
}
`

// BuildImage compiles a one-file Go program statically and builds ref
// from it through cli's engine: FROM scratch, the binary at /app as the
// entrypoint. Nothing is pulled.
func BuildImage(ctx context.Context, cli *client.Client, ref, program string) error {
	dir, err := os.MkdirTemp("", "berth-image-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	files := map[string]string{"main.go": program, "go.mod": "module app\n\ngo 1.22\n"}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			return err
		}
	}
	bctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(bctx, "go", "build", "-trimpath", "-o", "app", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux", "GOFLAGS=")
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("go build: %v\n%s", err, out)
	}
	bin, err := os.ReadFile(filepath.Join(dir, "app"))
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	df := "FROM scratch\nCOPY app /app\nENTRYPOINT [\"/app\"]\n"
	tw.WriteHeader(&tar.Header{Name: "Dockerfile", Mode: 0o644, Size: int64(len(df))})
	io.WriteString(tw, df)
	tw.WriteHeader(&tar.Header{Name: "app", Mode: 0o755, Size: int64(len(bin))})
	tw.Write(bin)
	if err := tw.Close(); err != nil {
		return err
	}
	resp, err := cli.ImageBuild(ctx, &buf, build.ImageBuildOptions{
		Tags: []string{ref}, Remove: true, ForceRemove: true, Version: build.BuilderV1,
	})
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	dec := json.NewDecoder(resp.Body)
	for {
		var msg struct {
			Error string `json:"error"`
		}
		if err := dec.Decode(&msg); err == io.EOF {
			return nil
		} else if err != nil {
			return err
		}
		if msg.Error != "" {
			return fmt.Errorf("build %s: %s", ref, msg.Error)
		}
	}
}
