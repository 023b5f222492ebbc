package compose

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types/container"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/backends/dockertest"
	"github.com/berth-dev/berth/lang"
)

// TestSettleStoppedSinceListed: waitReady lists a container running, then
// settle.check inspects it; by then it may have stopped. The engine counts
// a container waiting to be restarted as running, with the StartedAt of
// the run that just ended, so a crash loop caught in a long backoff was
// counted ready; one that exited said nothing, and at apply's deadline the
// user read only the list's "Up Less than a second". check now says what
// the inspect found, never ready.
func TestSettleStoppedSinceListed(t *testing.T) {
	cli := dockertest.Client(t)
	v1, _ := testImage(t, cli)
	project := testProject(t, cli)
	exits := []string{"--probe", "http://127.0.0.1:1/"} // fails and exits 1
	for _, tc := range []struct {
		name    string
		restart container.RestartPolicy
		// stopped: the state to call check in, read by inspect
		stopped func(s *container.State, restarts int) bool
		want    string
	}{
		{"restarting", container.RestartPolicy{Name: container.RestartPolicyAlways},
			func(s *container.State, _ int) bool { return s.Restarting && startedBefore(s, MinRunning) },
			"restarting after it exited (1): the engine restarted it "},
		{"exited", container.RestartPolicy{Name: container.RestartPolicyDisabled},
			func(s *container.State, _ int) bool { return s.Status == "exited" },
			"exited (1)"},
		{"exited after restarts", container.RestartPolicy{Name: container.RestartPolicyOnFailure, MaximumRetryCount: 2},
			func(s *container.State, n int) bool { return s.Status == "exited" && n == 2 },
			"exited (1): the engine restarted it 2 times since it was started"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			name := project + "-" + strings.ReplaceAll(tc.name, " ", "-")
			c, err := cli.ContainerCreate(ctx, &container.Config{Image: v1, Cmd: exits, Labels: map[string]string{backends.LabelProject: project}},
				&container.HostConfig{RestartPolicy: tc.restart}, nil, nil, name)
			must(t, err)
			must(t, cli.ContainerStart(ctx, c.ID, container.StartOptions{}))
			for deadline := time.Now().Add(time.Minute); ; time.Sleep(20 * time.Millisecond) {
				ins, err := cli.ContainerInspect(ctx, c.ID)
				must(t, err)
				if tc.stopped(ins.State, ins.RestartCount) {
					break
				}
				if time.Now().After(deadline) {
					t.Fatalf("the container never got there: %+v, %d restarts", ins.State, ins.RestartCount)
				}
			}
			st := &settle{seen: map[string]seenStart{}}
			ready, why, _ := st.check(ctx, &executor{cli: cli, project: project}, name, c.ID)
			if ready {
				t.Fatalf("check calls a container that stopped ready (%q)", why)
			}
			// A restarting container may have been started again since:
			// then it is running and check says it was restarted.
			if !strings.HasPrefix(why, tc.want) && !(tc.name == "restarting" && strings.HasPrefix(why, "restarting after it exited: the engine restarted it ")) {
				t.Errorf("check says %q; want %q", why, tc.want)
			}
		})
	}
}

// startedBefore tells whether the container's last start is at least d ago.
func startedBefore(s *container.State, d time.Duration) bool {
	started, err := time.Parse(time.RFC3339Nano, s.StartedAt)
	return err == nil && time.Since(started) >= d
}

// TestApplySaysACrashLoopRestarts: a crash-looping container whose service
// has a health check is given up on at the deadline with the engine's
// restarts, whatever phase of the loop the last round caught: "Up Less
// than a second (health: starting)" alone hid the loop.
func TestApplySaysACrashLoopRestarts(t *testing.T) {
	cli := dockertest.Client(t)
	v1, _ := testImage(t, cli)
	project := testProject(t, cli)
	spec := &lang.Spec{Project: project, Dir: t.TempDir(), Backend: "compose", Services: map[string]*lang.Service{
		"loop": {Name: "loop", Image: v1, Replicas: 1, Command: []string{"--probe", "http://127.0.0.1:1/"}, // fails and exits 1
			Health: &lang.Health{Cmd: []string{"/app", "--probe", "http://127.0.0.1:8080/healthz"}, Interval: time.Minute, Retries: 3}},
	}}
	b, tg := New(cli), &Target{}
	p, d := plan(t, b, tg, spec)
	res, err := b.Apply(context.Background(), p, backends.ApplyOptions{Contents: d.Contents, Wait: 4 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Failed) != 0 || len(res.Unready) != 1 {
		t.Fatalf("failed %v, unready %v; want container.loop[1] unready", res.Failed, res.Unready)
	}
	if msg := res.Unready[0].Error(); !regexp.MustCompile(`not ready after 4s: .*the engine restarted it \d+ times`).MatchString(msg) {
		t.Errorf("unready says %q; want the engine's restarts", msg)
	}
}
