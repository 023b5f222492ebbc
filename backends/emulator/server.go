package emulator

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"sync/atomic"
	"time"

	"github.com/berth-dev/berth/lang"
)

// Options tune a Server. The zero value is what `berth emulate` uses.
type Options struct {
	// Lookup returns the "host:port" addresses of service's replicas. Nil
	// means DNS: the service name resolved by net.DefaultResolver (Docker's
	// embedded DNS), joined with port, cached for two seconds. Tests map
	// names to 127.0.0.1 ports here.
	Lookup func(ctx context.Context, service string, port int) ([]string, error)
	// Replica names this replica in responses; default the host name.
	Replica string
	// Log receives the counter lines and error lines; nil means stderr.
	Log *log.Logger
	// StatsEvery is how often a line of counters is logged when they
	// changed; default one minute.
	StatsEvery time.Duration
	// ShutdownGrace bounds how long Serve waits for requests in flight
	// after its context ends; default 8 s, inside Docker's default stop
	// timeout of 10 s before SIGKILL.
	ShutdownGrace time.Duration
}

// Server plays one service.
type Server struct {
	cfg      *Config
	opts     Options
	adm      *admission
	eps      map[string]*endpointRT // by path
	first    *endpointRT
	links    map[string]*linkRT
	outboxes map[string]*outbox
	stats    counters
	logs     *logger
	fault    faultState
	healthy  atomic.Bool
	// work is the context of the work requests do. It is not the HTTP
	// request's: a callee keeps working after its caller timed out, as in
	// reality. It ends only when Serve gives up waiting at shutdown.
	work       context.Context
	cancelWork context.CancelFunc
}

// New prepares a server for cfg.
func New(cfg *Config, opts Options) (*Server, error) {
	if err := cfg.check(); err != nil {
		return nil, err
	}
	opts = opts.withDefaults()
	s := &Server{
		cfg: cfg, opts: opts,
		adm:      newAdmission(cfg.Capacity.Workers, cfg.Capacity.Queue),
		eps:      map[string]*endpointRT{},
		links:    map[string]*linkRT{},
		outboxes: map[string]*outbox{},
		logs:     newLogger(opts.Log),
	}
	s.work, s.cancelWork = context.WithCancel(context.Background())
	for i := range cfg.Endpoints {
		rt, err := newEndpointRT(&cfg.Endpoints[i])
		if err != nil {
			return nil, fmt.Errorf("emulator %s: %w", cfg.Service, err)
		}
		s.eps[rt.path()] = rt
		if i == 0 {
			s.first = rt
		}
	}
	res := newResolver(opts.Lookup)
	for i := range cfg.Links {
		lr, err := newLinkRT(&cfg.Links[i], cfg.Service, res, s.logs)
		if err != nil {
			return nil, fmt.Errorf("emulator %s: %w", cfg.Service, err)
		}
		s.links[lr.cfg.To] = lr
	}
	for i := range cfg.Queues {
		s.outboxes[cfg.Queues[i].Name] = newOutbox(&cfg.Queues[i], res, s.logs)
	}
	s.healthy.Store(true)
	return s, nil
}

func (o Options) withDefaults() Options {
	if o.Replica == "" {
		o.Replica, _ = os.Hostname()
	}
	if o.Log == nil {
		o.Log = log.New(os.Stderr, "", log.LstdFlags)
	}
	if o.StatsEvery <= 0 {
		o.StatsEvery = time.Minute
	}
	if o.ShutdownGrace <= 0 {
		o.ShutdownGrace = 8 * time.Second
	}
	return o
}

// ServeHTTP routes /healthz, /_berth/stats and the endpoints ("/" is the
// first one). Endpoints are found by the escaped path, as their callers
// send it ("/x%2Fy" for the endpoint "x/y", "/a%20b" for "a b"), and come
// before the spec's health.http path: the probe of an emulated container
// asks for /healthz, which no endpoint may take (Config.check).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.Method {
	case http.MethodGet, http.MethodPost, http.MethodHead:
	default:
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	switch p, ep := r.URL.Path, s.eps[r.URL.EscapedPath()]; {
	case p == pathHealth:
		s.serveHealth(w, r)
	case p == pathFault:
		s.serveFault(w, r)
	case p == pathStats:
		writeJSON(w, http.StatusOK, s.Stats(), false)
	case p == "/":
		s.serveEndpoint(w, r, s.first)
	case ep != nil:
		s.serveEndpoint(w, r, ep)
	case s.cfg.HealthPath != "" && p == s.cfg.HealthPath:
		s.serveHealth(w, r)
	default:
		http.Error(w, fmt.Sprintf("%s has no endpoint %s", s.cfg.Service, p), http.StatusNotFound)
	}
}

func (s *Server) serveHealth(w http.ResponseWriter, r *http.Request) {
	if kind, _, end := s.fault.get(); kind == FaultHang {
		if hang(r.Context(), end) != nil {
			return
		}
	}
	if !s.healthy.Load() {
		http.Error(w, "shutting down", http.StatusServiceUnavailable)
		return
	}
	io.WriteString(w, "ok\n")
}

// serveEndpoint admits the request, does the local work, runs the flow and
// answers.
func (s *Server) serveEndpoint(w http.ResponseWriter, r *http.Request, ep *endpointRT) {
	io.Copy(io.Discard, io.LimitReader(r.Body, 1<<20))
	s.stats.requests.Add(1)
	resp := &Response{Service: s.cfg.Service, Endpoint: ep.name, Replica: s.opts.Replica}
	code := s.handle(ep, resp)
	switch {
	case code == http.StatusServiceUnavailable:
		s.stats.rejected.Add(1)
	case code != http.StatusOK:
		s.stats.errors.Add(1)
		s.logs.errorf("%s %s: %d %s", s.cfg.Service, r.URL.Path, code, resp.Error)
	case resp.Degraded:
		s.stats.degraded.Add(1)
	}
	writeJSON(w, code, resp, resp.Degraded)
}

// handle runs one request and returns its status code.
func (s *Server) handle(ep *endpointRT, resp *Response) int {
	if !s.healthy.Load() {
		resp.Error = "shutting down"
		return http.StatusServiceUnavailable
	}
	ctx := s.work
	if err := s.adm.acquire(ctx); err != nil {
		resp.Error = err.Error()
		return http.StatusServiceUnavailable
	}
	s.stats.inFlight.Add(1)
	defer s.stats.inFlight.Add(-1)
	held := true
	defer func() {
		if held {
			s.adm.release()
		}
	}()
	r := rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))
	work := time.Duration(ep.work.Sample(r))
	switch kind, delay, end := s.fault.get(); kind {
	case FaultHang:
		if err := hang(ctx, end); err != nil {
			resp.Error = "stopped: " + err.Error()
			return http.StatusServiceUnavailable
		}
	case FaultError:
		if s.fault.fails(r) {
			resp.Error = "fault: error"
			return http.StatusInternalServerError
		}
	case FaultSlow:
		work += time.Duration(delay.Sample(r))
	}
	if err := sleep(ctx, work); err != nil {
		resp.Error = "stopped: " + err.Error()
		return http.StatusServiceUnavailable
	}
	if s.cfg.Capacity.Model == lang.ModelAsync {
		// Non-blocking: waiting for downstream calls holds no worker.
		s.adm.release()
		held = false
	}
	run := newFlowRun(s, ep)
	fl := run.step(ctx, r, ep.flow)
	run.response(resp)
	if fl == nil {
		return http.StatusOK
	}
	resp.Error = fl.msg
	if fl.timeout {
		return http.StatusGatewayTimeout
	}
	return http.StatusBadGateway
}

// sleep waits d, or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func writeJSON(w http.ResponseWriter, code int, v any, degraded bool) {
	js, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	if degraded {
		h.Set(HeaderDegraded, "1")
	}
	w.WriteHeader(code)
	w.Write(append(js, '\n'))
}

// Serve answers on ln until ctx ends, then shuts down gracefully: /healthz
// turns 503, new requests are refused, and requests in flight get up to
// ShutdownGrace to finish before their work is cancelled.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{Handler: s, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	stopStats := s.logStats()
	defer stopStats()
	select {
	case err := <-errc:
		s.cancelWork()
		return err
	case <-ctx.Done():
	}
	s.healthy.Store(false)
	sctx, cancel := context.WithTimeout(context.Background(), s.opts.ShutdownGrace)
	defer cancel()
	err := srv.Shutdown(sctx)
	s.cancelWork()
	if err != nil {
		srv.Close()
	}
	for _, ob := range s.outboxes {
		ob.close()
	}
	s.logs.printf("%s: stopped; %s", s.cfg.Service, s.Stats().line())
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("emulator %s: requests still in flight after %s; cancelled", s.cfg.Service, s.opts.ShutdownGrace)
	}
	return err
}

// ListenAndServe listens on addr (":8080") and serves until ctx ends.
func (s *Server) ListenAndServe(ctx context.Context, addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	s.logs.printf("%s: listening on %s (%d endpoints, %d links, workers %d, queue %d, model %s)",
		s.cfg.Service, ln.Addr(), len(s.cfg.Endpoints), len(s.cfg.Links),
		s.cfg.Capacity.Workers, s.cfg.Capacity.Queue, s.cfg.Capacity.Model)
	return s.Serve(ctx, ln)
}
