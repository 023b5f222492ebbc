package simulate

import (
	"math"
	"time"

	"github.com/hashicorp/hcl/v2"

	"github.com/berth-dev/berth/lang"
)

// newSim compiles spec for one replication of case c with seed.
func newSim(spec *lang.Spec, c Case, seed uint64, opts Options) (*sim, hcl.Diagnostics) {
	s := &sim{spec: spec, seed: seed, backend: spec.Backend}
	ld := spec.Loads[c.Load]
	if ld == nil {
		return s, hcl.Diagnostics{unknownFlagName("load", c.Load, sortedKeys(spec.Loads))}
	}
	var sc *lang.Scenario
	if c.Scenario != "" {
		if sc = spec.Scenarios[c.Scenario]; sc == nil {
			return s, hcl.Diagnostics{unknownFlagName("scenario", c.Scenario, sortedKeys(spec.Scenarios))}
		}
		if sc.Backend != "" {
			s.backend = sc.Backend
		}
	}
	if s.backend != backendSwarm {
		s.backend = backendCompose
	}
	s.end = int64(ld.Duration)
	if opts.Duration > 0 {
		s.end = int64(opts.Duration)
	}
	if s.end <= 0 {
		s.end = int64(DefaultDuration)
	}
	s.warmup = max(int64(ld.Warmup), 0)
	if opts.Warmup != nil {
		s.warmup = max(int64(*opts.Warmup), 0)
	}
	if s.warmup >= s.end {
		s.diags = append(s.diags, errorAt(ld.DeclRange, "Nothing would be measured",
			"Load %q runs for %s and its first %s are warm-up, which is never measured, so every bound would pass on no data. Run it longer (--duration), or shorten the load's warmup (its warmup attribute; berth simulate also takes --warmup, diff and whatif do not).",
			ld.Name, time.Duration(s.end), time.Duration(s.warmup)))
		return s, s.diags
	}
	if d := checkSize(spec, ld, time.Duration(s.end)); d.HasErrors() {
		s.diags = append(s.diags, d...)
		return s, s.diags
	}
	s.tick = tickFor(s.end)
	s.entry.init()
	s.build()
	s.batch.next = math.MaxInt64
	if max(1, opts.Replications) == 1 {
		s.initBatches()
	}
	entry := s.byName[ld.Entry.Service]
	if entry == nil {
		s.diags = append(s.diags, errorAt(ld.Entry.Range, "Unknown entry service", "Load %q enters service %q, which is not declared.", ld.Name, ld.Entry.Service))
		return s, s.diags
	}
	var ep *endpoint
	if ld.Entry.Endpoint != "" {
		if ep = entry.endpoint(ld.Entry.Endpoint); ep == nil {
			s.diags = append(s.diags, errorAt(ld.Entry.Range, "Unknown entry endpoint", "Service %q has no endpoint %q.", entry.name, ld.Entry.Endpoint))
		}
	}
	if s.diags.HasErrors() {
		return s, s.diags
	}
	s.entrySvc = entry
	s.sizePools()
	s.place()
	for _, r := range s.replicas {
		s.startReplica(r)
	}
	s.scheduleFaults(sc)
	if s.clientTO = int64(ld.Timeout); s.clientTO > 0 {
		s.client = s.newPipe()
	}
	s.gen = s.newGenerator(ld, entry, ep)
	s.scheduleArrival()
	s.startUsers(ld)
	return s, s.diags
}

// warmupCut starts the measurement: the time integrals are read here.
func (s *sim) warmupCut() {
	s.openWindow(true)
	for _, svc := range s.svcs {
		svc.warmAreas = svc.levels.areas(s.now)
		svc.batchAreas = svc.warmAreas
		svc.queued.resetMax()
	}
	for _, sub := range s.subsAll() {
		sub.warmArea = sub.backlog.areaAt(s.now)
		sub.backlog.resetMax()
	}
}

// finishRun completes the latency histograms with the answers that came
// after the last interval closed (during the drain).
func (s *sim) finishRun() {
	s.entry.flush()
	for _, svc := range s.svcs {
		svc.m.flush()
	}
	if s.entry.bat != nil {
		s.entry.bat.close()
		for _, svc := range s.svcs {
			svc.m.bat.close()
		}
	}
}
