package compose

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/docker/docker/api/types/build"
	"github.com/docker/docker/client"
)

var (
	appOnce sync.Once
	appRef  string
	appErr  error
)

// testImage builds (once per test binary) berth-test-app:<hash>, FROM
// scratch with the static program of testdata/app, and tags it also as
// <repo>:v2, so tests can change an image without pulling anything.
func testImage(t testing.TB, cli *client.Client) (v1, v2 string) {
	t.Helper()
	appOnce.Do(func() { appRef, appErr = buildTestImage(cli) })
	if appErr != nil {
		t.Fatalf("test image: %v", appErr)
	}
	return appRef, "berth-test-app:v2"
}

func buildTestImage(cli *client.Client) (string, error) {
	dir, err := os.MkdirTemp("", "berth-app")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "app")
	cmd := exec.Command("go", "build", "-o", bin, "./testdata/app")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS=linux")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", &buildError{string(out), err}
	}
	data, err := os.ReadFile(bin)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(data)
	ref := "berth-test-app:" + hex.EncodeToString(sum[:])[:12]
	ctx := context.Background()
	if _, err := cli.ImageInspect(ctx, ref); err == nil {
		return ref, cli.ImageTag(ctx, ref, "berth-test-app:v2")
	}
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	df := "FROM scratch\nCOPY app /app\nENV APP_IMAGE_ENV=from-image\nENTRYPOINT [\"/app\"]\n"
	tw.WriteHeader(&tar.Header{Name: "Dockerfile", Mode: 0o644, Size: int64(len(df))})
	io.WriteString(tw, df)
	tw.WriteHeader(&tar.Header{Name: "app", Mode: 0o755, Size: int64(len(data))})
	tw.Write(data)
	tw.Close()
	resp, err := cli.ImageBuild(ctx, &buf, build.ImageBuildOptions{Tags: []string{ref, "berth-test-app:v2"}, Remove: true, ForceRemove: true, Version: build.BuilderV1})
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	return ref, drainBuild(resp.Body)
}

// drainBuild reads an image build's output to its end, and returns the
// error it reports.
func drainBuild(body io.Reader) error {
	dec := json.NewDecoder(body)
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
			return &buildError{msg.Error, nil}
		}
	}
}

type buildError struct {
	out string
	err error
}

func (e *buildError) Error() string { return "build: " + e.out }
