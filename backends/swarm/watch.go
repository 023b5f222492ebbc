package swarm

import (
	"context"
	"sync"
	"time"

	"github.com/docker/docker/api/types/filters"
	"github.com/docker/docker/api/types/swarm"
	"github.com/docker/docker/client"
	"golang.org/x/sync/errgroup"
)

// watcher polls the manager for the services being waited on: one
// ServiceList and one TaskList per tick whatever their number, so twenty
// services converging in parallel cost the manager two requests per tick.
// The tasks are selected by the project's label, not by service: the
// engine resolves every service filter with a lookup of its own.
type watcher struct {
	cli      *client.Client
	interval time.Duration
	project  string

	mu   sync.Mutex
	subs map[string]chan snapshot // by service id
	stop chan struct{}
	once sync.Once
}

// snapshot is one service and its tasks (all of them, history included),
// as seen at one tick.
type snapshot struct {
	svc   swarm.Service
	tasks []swarm.Task
	found bool
	err   error
}

func newWatcher(cli *client.Client, interval time.Duration, project string) *watcher {
	w := &watcher{cli: cli, interval: interval, project: project, subs: map[string]chan snapshot{}, stop: make(chan struct{})}
	go w.loop()
	return w
}

func (w *watcher) close() { w.once.Do(func() { close(w.stop) }) }

// subscribe returns a channel that receives the latest snapshot of the
// service after every tick (older ones are dropped), and its cancel.
func (w *watcher) subscribe(id string) (<-chan snapshot, func()) {
	ch := make(chan snapshot, 1)
	w.mu.Lock()
	w.subs[id] = ch
	w.mu.Unlock()
	return ch, func() {
		w.mu.Lock()
		delete(w.subs, id)
		w.mu.Unlock()
	}
}

func (w *watcher) loop() {
	t := time.NewTicker(w.interval)
	defer t.Stop()
	for {
		select {
		case <-w.stop:
			return
		case <-t.C:
			w.tick()
		}
	}
}

func (w *watcher) tick() {
	w.mu.Lock()
	ids := make([]string, 0, len(w.subs))
	for id := range w.subs {
		ids = append(ids, id)
	}
	w.mu.Unlock()
	if len(ids) == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	snaps := w.poll(ctx, ids)
	w.mu.Lock()
	defer w.mu.Unlock()
	for id, ch := range w.subs {
		s, ok := snaps[id]
		if !ok {
			continue
		}
		select { // keep only the newest
		case <-ch:
		default:
		}
		ch <- s
	}
}

func (w *watcher) poll(ctx context.Context, ids []string) map[string]snapshot {
	out := make(map[string]snapshot, len(ids))
	sf := filters.NewArgs()
	for _, id := range ids {
		sf.Add("id", id)
	}
	var (
		svcs  []swarm.Service
		tasks []swarm.Task
	)
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() (err error) { svcs, err = w.cli.ServiceList(gctx, swarm.ServiceListOptions{Filters: sf}); return })
	g.Go(func() (err error) {
		tasks, err = w.cli.TaskList(gctx, swarm.TaskListOptions{Filters: projectFilter(w.project)})
		return
	})
	if err := g.Wait(); err != nil {
		for _, id := range ids {
			out[id] = snapshot{err: err}
		}
		return out
	}
	for _, id := range ids {
		out[id] = snapshot{}
	}
	for _, s := range svcs {
		out[s.ID] = snapshot{svc: s, found: true}
	}
	for _, t := range tasks {
		if s, ok := out[t.ServiceID]; ok {
			s.tasks = append(s.tasks, t)
			out[t.ServiceID] = s
		}
	}
	return out
}
