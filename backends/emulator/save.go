package emulator

import (
	"context"
	"fmt"
	"io"

	cerrdefs "github.com/containerd/errdefs"
	"github.com/docker/docker/client"
)

// SaveImage writes ref from the engine of src to w as a `docker save`
// tar stream.
func SaveImage(ctx context.Context, src *client.Client, ref string, w io.Writer) error {
	rc, err := src.ImageSave(ctx, []string{ref})
	if err != nil {
		return fmt.Errorf("save %s: %w", ref, err)
	}
	defer rc.Close()
	if _, err := io.Copy(w, rc); err != nil {
		return fmt.Errorf("save %s: %w", ref, err)
	}
	return nil
}

// LoadImage loads a `docker save` stream into the engine of dst.
func LoadImage(ctx context.Context, dst *client.Client, r io.Reader) error {
	resp, err := dst.ImageLoad(ctx, r, client.ImageLoadWithQuiet(true))
	if err != nil {
		return fmt.Errorf("load image: %w", err)
	}
	defer resp.Body.Close()
	return readBuildStream(resp.Body)
}

// CopyImage copies ref, whose id on src's engine is id, to dst's engine,
// streaming, unless dst has that id already (a dst tag that names another
// build of ref is no copy: the load moves it): how the emulator image
// reaches swarm nodes that share no registry.
func CopyImage(ctx context.Context, src, dst *client.Client, ref, id string) error {
	if _, err := dst.ImageInspect(ctx, id); err == nil {
		return nil
	} else if !cerrdefs.IsNotFound(err) {
		return fmt.Errorf("copy %s: %w", ref, err)
	}
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(SaveImage(ctx, src, ref, pw)) }()
	err := LoadImage(ctx, dst, pr)
	pr.CloseWithError(err)
	return err
}
