package swarm

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestLabDocsShopCopyUpdates: the lab copy of examples/shop that
// docs/swarm.md tells a newcomer to make (its sed line, run as written)
// applies, and an update of its gateway then completes. The recipe kept
// the gateway's start-first update with 3 host-mode replicas on 3 nodes,
// so every update of the gateway waited for a free port on some node and
// failed after 30 s.
func TestLabDocsShopCopyUpdates(t *testing.T) {
	e := newLabEnv(t)
	const project = "swdocshop"
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	dir := filepath.Join(t.TempDir(), "shoplab")
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "..", "examples", "shop"))); err != nil {
		t.Fatal(err)
	}
	recipe := strings.ReplaceAll(docsLabSed(t), "/tmp/shoplab", dir)
	if out, err := exec.Command("sh", "-c", recipe).CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", recipe, err, out)
	}
	next := e.up(ctx, project, dir).Clone()
	next.Services["gateway"].Env["LOG_LEVEL"] = "debug"
	p, d := e.plan(ctx, project, next, false)
	if !strings.Contains(p.String(), "service.gateway: update") {
		t.Fatalf("plan of the gateway's update:\n%s", p)
	}
	if res := e.apply(ctx, p, d); !res.OK() {
		t.Fatalf("update of the lab copy's gateway: %v\n%s", res.Failed, e.out.String())
	}
}

// docsLabSed is the sed line of docs/swarm.md's lab copy of the shop.
func docsLabSed(t *testing.T) string {
	t.Helper()
	f, err := os.Open(filepath.Join("..", "..", "docs", "swarm.md"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := sc.Text(); strings.HasPrefix(l, "sed -i ") && strings.Contains(l, "/tmp/shoplab/") {
			return l
		}
	}
	t.Fatal("docs/swarm.md has no sed line for /tmp/shoplab")
	return ""
}
