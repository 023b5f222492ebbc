package simulate

// MaxPoints caps the points of a time series: a run longer than MaxPoints
// seconds gets wider intervals, so memory does not grow with the run.
const MaxPoints = 600

// seriesSet holds the time series of one replication.
type seriesSet struct {
	start  int64 // start of the current interval
	entry  []Point
	svcs   [][]Point // by service index
	topics [][]QueuePoint
}

// tickFor returns the interval width for a run of d ns.
func tickFor(d int64) int64 {
	const sec = int64(1e9)
	secs := (d + sec - 1) / sec
	return max(1, (secs+MaxPoints-1)/MaxPoints) * sec
}

// closeInterval ends the current interval of every series at now.
func (s *sim) closeInterval() {
	dt := s.now - s.series.start
	if dt <= 0 {
		return
	}
	sec := seconds(dt)
	s.series.entry = append(s.series.entry, s.entry.point(s.now, sec))
	if s.series.svcs == nil {
		s.series.svcs = make([][]Point, len(s.svcs))
	}
	for i, svc := range s.svcs {
		p := svc.m.point(s.now, sec)
		a := svc.levels.areas(s.now)
		d := a.minus(svc.ivAreas)
		svc.ivAreas = a
		p.Utilization = ratio(d.busy, d.cap)
		p.Queue = d.queued / float64(dt)
		p.Up = len(svc.rotation)
		s.series.svcs[i] = append(s.series.svcs[i], p)
	}
	if s.series.topics == nil {
		s.series.topics = make([][]QueuePoint, len(s.subsAll()))
	}
	for i, sub := range s.subsAll() {
		s.series.topics[i] = append(s.series.topics[i], QueuePoint{Time: seconds(s.now), Backlog: sub.backlog.v, Consumed: float64(sub.ivConsumed) / sec})
		sub.ivConsumed = 0
	}
	s.series.start = s.now
}

// point turns the interval counters into a Point and resets them; the
// measured latencies go to lat.
func (m *metric) point(now int64, sec float64) Point {
	if m.ivLat.Count() > 0 {
		m.lat.Merge(m.ivLat)
	}
	if m.ivPre.Count() > 0 {
		m.ivLat.Merge(m.ivPre)
		m.ivPre.Reset()
	}
	p := Point{
		Time:       seconds(now),
		Arrivals:   float64(m.ivArrivals) / sec,
		Throughput: float64(m.ivOK) / sec,
		Errors:     float64(m.ivFailed) / sec,
		Degraded:   float64(m.ivDegraded) / sec,
		P50:        m.ivLat.Quantile(0.5),
		P99:        m.ivLat.Quantile(0.99),
	}
	m.ivArrivals, m.ivOK, m.ivFailed, m.ivDegraded = 0, 0, 0, 0
	m.ivLat.Reset()
	return p
}
