package emulator

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/docker/docker/api/types/build"
	"github.com/docker/docker/client"
)

// ImageRepo is the repository of the emulator image; the tag is a hash of
// the binary in it.
const ImageRepo = "berth-emulator"

// LabelImage marks the emulator images berth builds; its value is the
// binary's hash.
const LabelImage = "io.berth.emulator"

const dockerfile = `FROM scratch
COPY berth /berth
LABEL ` + LabelImage + `="%s"
ENTRYPOINT ["/berth", "emulate"]
`

// EnsureImage returns berth-emulator:<hash>, building it through the
// engine first unless the tag exists. The image is FROM scratch with a
// static berth binary (this executable when it is one, else one built with
// `go build`; see binary.go); nothing is ever pulled.
func EnsureImage(ctx context.Context, cli *client.Client) (ref string, err error) {
	if ref, ok := selfImage(ctx, cli); ok {
		return ref, nil
	}
	ver, err := cli.ServerVersion(ctx)
	if err != nil {
		return "", fmt.Errorf("emulator image: %w", err)
	}
	if ver.Os != "" && ver.Os != "linux" {
		return "", fmt.Errorf("emulator image: the engine runs %s containers; berth's emulator needs linux", ver.Os)
	}
	bin, err := staticBinary(ctx, ver.Arch)
	if err != nil {
		return "", err
	}
	sum, err := fileHash(bin)
	if err != nil {
		return "", err
	}
	ref = ImageRepo + ":" + sum
	if _, err := cli.ImageInspect(ctx, ref); err == nil {
		return ref, nil
	} else if !cerrdefs.IsNotFound(err) {
		return "", fmt.Errorf("emulator image: %w", err)
	}
	return ref, buildImage(ctx, cli, ref, bin, sum)
}

// selfImage is EnsureImage's fast path: this executable is a static berth
// and the engine has its image, for this architecture, already. It spares
// GET /version, which costs the engine tens of milliseconds (it runs runc
// and docker-init to learn their versions).
func selfImage(ctx context.Context, cli *client.Client) (string, bool) {
	exe, err := os.Executable()
	if err != nil || !isBerth() || isStaticELF(exe, runtime.GOARCH) != nil {
		return "", false
	}
	sum, err := fileHash(exe)
	if err != nil {
		return "", false
	}
	ref := ImageRepo + ":" + sum
	img, err := cli.ImageInspect(ctx, ref)
	if err != nil || img.Os != "linux" || img.Architecture != runtime.GOARCH || img.Config == nil || img.Config.Labels[LabelImage] != sum {
		return "", false
	}
	return ref, true
}

var hashes sync.Map // "path size mtime" → hash

// fileHash returns the first 12 hex digits of the file's SHA-256,
// remembered per path, size and modification time, in this process and
// in the user's cache directory (hashing a 35 MB berth costs a command
// like a no-op apply more than everything else it does).
func fileHash(path string) (string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return "", err
	}
	key := statKey(path, st)
	if h, ok := hashes.Load(key); ok {
		return h.(string), nil
	}
	if h := cachedHash(key); h != "" {
		hashes.Store(key, h)
		return h, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	sum := hex.EncodeToString(h.Sum(nil))[:12]
	hashes.Store(key, sum)
	storeHash(key, sum)
	return sum, nil
}

// statKey identifies a file's content by what a rewrite changes: its
// path, size and modification time (to the nanosecond).
func statKey(path string, st os.FileInfo) string {
	return fmt.Sprint(path, " ", st.Size(), " ", st.ModTime().UnixNano())
}

// hashCacheFile is where the hash of the file with that key is kept.
func hashCacheFile(key string) string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	k := sha256.Sum256([]byte(key))
	return filepath.Join(dir, "berth", "binary-hash", hex.EncodeToString(k[:16]))
}

func cachedHash(key string) string {
	f := hashCacheFile(key)
	if f == "" {
		return ""
	}
	b, err := os.ReadFile(f)
	if err != nil {
		return ""
	}
	k, h, ok := strings.Cut(strings.TrimSpace(string(b)), "\n")
	if !ok || k != key || len(h) != 12 {
		return ""
	}
	return h
}

// storeHash keeps the hash for the next process; failing to is no error.
func storeHash(key, sum string) {
	f := hashCacheFile(key)
	if f == "" || os.MkdirAll(filepath.Dir(f), 0o755) != nil {
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(f), ".hash-*")
	if err != nil {
		return
	}
	_, err = fmt.Fprintf(tmp, "%s\n%s\n", key, sum)
	if cerr := tmp.Close(); err == nil && cerr == nil {
		err = os.Rename(tmp.Name(), f)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
}

// buildImage builds ref from an in-memory context: the Dockerfile and the
// binary. The classic builder handles FROM scratch without a registry.
func buildImage(ctx context.Context, cli *client.Client, ref, bin, sum string) error {
	tarball, err := buildContext(bin, sum)
	if err != nil {
		return err
	}
	resp, err := cli.ImageBuild(ctx, tarball, build.ImageBuildOptions{
		Tags:        []string{ref},
		Remove:      true,
		ForceRemove: true,
		PullParent:  false,
		Version:     build.BuilderV1,
		Labels:      map[string]string{LabelImage: sum},
	})
	if err != nil {
		return fmt.Errorf("emulator image: build: %w", err)
	}
	defer resp.Body.Close()
	return readBuildStream(resp.Body)
}

func buildContext(bin, sum string) (io.Reader, error) {
	f, err := os.Open(bin)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	df := fmt.Sprintf(dockerfile, sum)
	tw.WriteHeader(&tar.Header{Name: "Dockerfile", Mode: 0o644, Size: int64(len(df))})
	io.WriteString(tw, df)
	tw.WriteHeader(&tar.Header{Name: "berth", Mode: 0o755, Size: st.Size()})
	if _, err := io.Copy(tw, f); err != nil {
		return nil, err
	}
	return &buf, tw.Close()
}

// readBuildStream reads the build's JSON messages to the end and returns
// the error one of them reports.
func readBuildStream(r io.Reader) error {
	dec := json.NewDecoder(r)
	for {
		var msg struct {
			Error       string `json:"error"`
			ErrorDetail struct {
				Message string `json:"message"`
			} `json:"errorDetail"`
		}
		if err := dec.Decode(&msg); err == io.EOF {
			return nil
		} else if err != nil {
			return fmt.Errorf("emulator image: build output: %w", err)
		}
		if msg.Error != "" || msg.ErrorDetail.Message != "" {
			return fmt.Errorf("emulator image: build failed: %s", firstNonEmpty(msg.ErrorDetail.Message, msg.Error))
		}
	}
}

func firstNonEmpty(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
