package swarmtest

import (
	"context"
	"fmt"
	"os/exec"
	"strconv"
	"time"
)

// Kill crashes node n (SIGKILL of its dockerd, containerd and containers)
// with `swarm-lab.sh kill`. The swarm notices only by missed heartbeats.
func (l *Lab) Kill(n *Node) error { return l.script("kill", n.Index) }

// Start starts node n's daemon again and waits until it answers; it rejoins
// the swarm by itself.
func (l *Lab) Start(n *Node) error { return l.script("start", n.Index) }

func (l *Lab) script(cmd string, i int) error {
	if l.Script == "" {
		return fmt.Errorf("the lab gave no script path")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, l.Script, cmd, strconv.Itoa(i)).CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s %s %d: %v\n%s", l.Script, cmd, i, err, out)
	}
	return nil
}
