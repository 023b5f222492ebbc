package simulate

import "github.com/berth-dev/berth/simulate/hist"

// buildReport assembles the Report of one case from its replications:
// counts are summed and histograms merged over all of them (the pooled
// estimate). Each main metric also gets its 95 % confidence interval
// (ci.go): over the replications with two or more, else over the batch
// means of the single run (batch.go). Time series and events are those
// of the first replication.
func buildReport(c Case, sims []*sim, seed uint64) *Report {
	s0 := sims[0]
	r := &Report{
		Name: c.name(), Load: c.Load, Scenario: c.Scenario, Backend: s0.backend, Seed: seed,
		Replications: len(sims), Duration: seconds(s0.end), Warmup: seconds(s0.warmup), Interval: seconds(s0.tick),
		Drain:    seconds(s0.drainBound()),
		Services: map[string]*Metrics{}, Events: s0.events[:s0.endEvents],
	}
	if r.Events == nil {
		r.Events = []FaultEvent{}
	}
	secs := seconds(s0.end - s0.warmup)
	for _, s := range sims {
		r.SimEvents += s.nEvents
	}
	r.Entry = pooledMetrics(sims, secs, func(s *sim) *metric { return &s.entry })
	r.Entry.Series = s0.series.entry
	for i, svc := range s0.svcs {
		m := pooledMetrics(sims, secs, func(s *sim) *metric { return &s.svcs[i].m })
		addLevels(m, sims, i)
		m.Replicas = len(svc.replicas)
		m.Series = s0.series.svcs[i]
		if len(svc.endpoints) > 1 {
			m.Endpoints = map[string]*Metrics{}
			for k, ep := range svc.endpoints {
				m.Endpoints[ep.name] = pooledMetrics(sims, secs, func(s *sim) *metric { return s.svcs[i].endpoints[k].m })
			}
		}
		for k := range svc.outLinks {
			for _, s := range sims {
				lm := &s.svcs[i].outLinks[k].m
				m.Timeouts += lm.timeouts
				m.Retries += lm.retries
				m.BreakerOpenings += lm.openings
			}
		}
		r.Services[svc.name] = m
	}
	entryUtilization(r, s0)
	switch {
	case len(sims) > 1:
		r.CIMethod = CIReplications
	case s0.entry.bat != nil:
		r.CIMethod, r.CIBatches = CIBatchMeans, Batches
	}
	r.Links = linkReports(sims)
	r.Queues = queueReports(sims, secs)
	return r
}

// pooledMetrics merges the metric that get picks from each replication.
func pooledMetrics(sims []*sim, secs float64, get func(*sim) *metric) *Metrics {
	all := newEndpointMetric()
	var per []*Metrics
	var lats []hist.Counts
	for _, s := range sims {
		m := get(s)
		all.add(m)
		if len(sims) > 1 {
			per = append(per, metricsOf(m, secs))
			lats = append(lats, m.lat.Counts())
		}
	}
	out := metricsOf(all, secs*float64(len(sims)))
	out.CI = metricsCI(out, per, all.lat, lats)
	if m := get(sims[0]); len(sims) == 1 && m.bat != nil {
		out.CI = batchCI(out, m.bat, sims[0].batchSpans(), all.lat)
	}
	return out
}

// entryUtilization gives the entry the utilisation of the entry service:
// the clients' requests are that service's work.
func entryUtilization(r *Report, s0 *sim) {
	if s0.entrySvc == nil {
		return
	}
	m := r.Services[s0.entrySvc.name]
	r.Entry.Utilization = m.Utilization
	if r.Entry.CI != nil && m.CI != nil {
		r.Entry.CI.Utilization = m.CI.Utilization
	}
}

// add sums o into m (pooling replications).
func (m *metric) add(o *metric) {
	m.arrivals += o.arrivals
	m.ok += o.ok
	m.done += o.done
	m.failed += o.failed
	m.degraded += o.degraded
	m.live += o.live
	for k := range m.byClass {
		m.byClass[k] += o.byClass[k]
	}
	m.lat.Merge(o.lat)
	m.latOK.Merge(o.latOK)
}

// metricsOf turns counts over secs of measurement into Metrics.
func metricsOf(m *metric, secs float64) *Metrics {
	answered := float64(m.ok + m.failed)
	out := &Metrics{
		Throughput:   ratio(float64(m.done), secs),
		ErrorRate:    ratio(float64(m.failed), answered),
		DegradedRate: ratio(float64(m.degraded), answered),
		Latency:      latencyOf(m.lat),
		LatencyOK:    latencyOf(m.latOK),
		Arrivals:     m.arrivals, Completed: m.ok, Failed: m.failed, Degraded: m.degraded, InFlight: m.live,
		Rejections: m.byClass[failRejected], Unanswered: m.byClass[failNoAnswer],
	}
	for k, n := range m.byClass {
		if n > 0 && failClass(k) != answerOK {
			if out.Failures == nil {
				out.Failures = map[string]int64{}
			}
			out.Failures[failClass(k).String()] = n
		}
	}
	return out
}

// latencyOf reads the latency statistics of h.
func latencyOf(h *hist.Histogram) Latency {
	return Latency{
		Mean: h.Mean(),
		P50:  h.Quantile(0.50),
		P90:  h.Quantile(0.90),
		P99:  h.Quantile(0.99),
		P999: h.Quantile(0.999),
		Max:  seconds(h.Max()),
	}
}

// addLevels fills the time averages of service i: worker and CPU
// utilisation and the queue length.
func addLevels(m *Metrics, sims []*sim, i int) {
	var sum areas
	var qmax int64
	var span float64
	var utils []float64
	for _, s := range sims {
		svc := s.svcs[i]
		d := svc.endAreas.minus(svc.warmAreas)
		sum = sum.plus(d)
		qmax = max(qmax, svc.endQMax)
		span += float64(s.end - s.warmup)
		utils = append(utils, ratio(d.busy, d.cap))
	}
	m.Utilization = ratio(sum.busy, sum.cap)
	if sims[0].svcs[i].cpuSlots > 0 {
		m.CPUUtilization = ratio(sum.cpuBusy, sum.cpuCap)
	}
	m.Queue = QueueLength{Mean: ratio(sum.queued, span), Max: qmax}
	switch {
	case m.CI == nil:
	case len(sims) > 1:
		m.CI.Utilization = bounded(interval(m.Utilization, utils), 0, 1)
	default:
		m.CI.Utilization = bounded(interval(m.Utilization, sims[0].svcs[i].batchUtil), 0, 1)
	}
}

func linkReports(sims []*sim) []*LinkMetrics {
	var out []*LinkMetrics
	for k, l := range sims[0].links {
		lm := &LinkMetrics{From: l.from.name, To: l.to.name, Implicit: l.spec.Implicit}
		for _, s := range sims {
			m := s.links[k].m
			lm.Calls += m.calls
			lm.Attempts += m.attempts
			lm.Retries += m.retries
			lm.Timeouts += m.timeouts
			lm.Failures += m.failures
			lm.Fallbacks += m.fallbacks
			lm.BreakerOpenings += m.openings
			lm.BreakerRejected += m.breakerRejected
			lm.BulkheadRejected += m.bulkheadRejected
			lm.BudgetRejected += m.budgetRejected
		}
		out = append(out, lm)
	}
	return out
}

func queueReports(sims []*sim, secs float64) map[string]*QueueMetrics {
	subs0 := sims[0].subsAll()
	if len(subs0) == 0 {
		return nil
	}
	out := map[string]*QueueMetrics{}
	for k, sub := range subs0 {
		q := &QueueMetrics{Kind: "rabbitmq"}
		if sub.t.kafka {
			q.Kind = "kafka"
		}
		key := sub.t.name
		if sub.svc != nil {
			q.Consumer = sub.svc.name
			if len(sub.t.subs) > 1 {
				key += "/" + sub.svc.name
			}
		}
		wait := hist.New()
		var area float64
		for _, s := range sims {
			x := s.subsAll()[k]
			q.Published += x.published
			q.Dropped += x.dropped
			q.Consumed += x.consumed
			area += x.end.area - x.warmArea
			q.Backlog.Max = max(q.Backlog.Max, x.end.max)
			q.Backlog.Final += x.end.final
			wait.Merge(x.wait)
			q.Lag.OldestAge = max(q.Lag.OldestAge, x.end.oldest)
		}
		n := float64(len(sims))
		q.Backlog.Mean = area / (secs * 1e9 * n)
		q.Backlog.Final = int64(float64(q.Backlog.Final) / n)
		q.Lag.Mean, q.Lag.P99 = wait.Mean(), wait.Quantile(0.99)
		q.Consumers, q.ActiveConsumers = sub.end.consumers, sub.end.active
		q.Series = sims[0].series.topics[k]
		out[key] = q
	}
	return out
}

// oldestAge returns the age at now of the oldest message waiting, in s.
func (sub *subscription) oldestAge(now int64) float64 {
	oldest := int64(-1)
	for i := range sub.parts {
		if sub.parts[i].len() > 0 {
			if at := sub.parts[i].peek().at; oldest < 0 || at < oldest {
				oldest = at
			}
		}
	}
	if oldest < 0 {
		return 0
	}
	return seconds(now - oldest)
}
