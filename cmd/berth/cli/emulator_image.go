package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"

	"github.com/docker/docker/client"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/emulator"
)

// cachedEmulatorImage is emulator.EnsureImage with a memo on disk: the
// image a berth executable put on the engine, keyed by the executable's
// path, size, modification time and inode. Hashing a 35 MB binary costs
// ~100 ms of CPU, more than a no-op apply may take; checking that the
// remembered image is still on the engine costs one call. A berth that is
// not static (plain `go build` or `go run` where cgo is on) has
// EnsureImage link a static one from the module source, 1.5–2 s each
// time: its memo is keyed by the source directory too, so the image stays
// the one built for this executable and that source.
func cachedEmulatorImage(ctx context.Context, cli *client.Client) (string, error) {
	key := exeKey()
	path := filepath.Join(backends.StateDir(), "emulator-image.json")
	if key != "" {
		var memo map[string]string
		if data, err := os.ReadFile(path); err == nil && json.Unmarshal(data, &memo) == nil {
			if ref := memo[key]; ref != "" {
				if _, err := cli.ImageInspect(ctx, ref); err == nil {
					return ref, nil
				}
			}
		}
	}
	done := noticeAfter(ctx, slowImageNotice, "Preparing berth's emulator image (services without an image run it): "+
		"building a static berth and its FROM scratch image, once per build of berth; this can take a minute on a busy machine...")
	ref, err := emulator.EnsureImage(ctx, cli)
	done()
	if err == nil && key != "" {
		data, _ := json.Marshal(map[string]string{key: ref})
		if os.MkdirAll(filepath.Dir(path), 0o700) == nil {
			tmp := path + fmt.Sprintf(".%d", os.Getpid())
			if os.WriteFile(tmp, data, 0o600) == nil {
				os.Rename(tmp, path)
			}
		}
	}
	return ref, err
}

// exeKey identifies this executable and, when it is not static, the
// source its emulator is built from; "" when it is not berth's main.
func exeKey() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok || bi.Path != "github.com/berth-dev/berth/cmd/berth" {
		return ""
	}
	static := false
	for _, s := range bi.Settings {
		if s.Key == "CGO_ENABLED" && s.Value == "0" {
			static = true
		}
	}
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	src := ""
	if !static {
		src = emulator.SourceDir()
	}
	return exeKeyFor(exe, static, src)
}

// exeKeyFor is exeKey of the executable at exe: its path, size,
// modification time and inode, and for one that is not static the source
// directory its emulator binary is built from ("" when there is none:
// EnsureImage will fail, and nothing is remembered).
func exeKeyFor(exe string, static bool, src string) string {
	st, err := os.Stat(exe)
	if err != nil || !static && src == "" {
		return ""
	}
	key := fmt.Sprintf("%s|%d|%d|%d", exe, st.Size(), st.ModTime().UnixNano(), inode(st))
	if !static {
		key += "|src=" + src
	}
	return key
}
