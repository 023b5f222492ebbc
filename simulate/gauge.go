package simulate

// gauge integrates a level over simulated time (busy workers, queue
// length, live capacity) for time averages: the difference of two areaAt
// readings divided by the time between them. It also keeps the maximum
// level since the last markMax.
type gauge struct {
	v    int64
	max  int64
	last int64
	area float64 // level·ns since the start
}

// add changes the level by d at now.
func (g *gauge) add(now, d int64) {
	g.area += float64(g.v) * float64(now-g.last)
	g.last = now
	g.v += d
	if g.v > g.max {
		g.max = g.v
	}
}

// areaAt returns the integral from the start up to now.
func (g *gauge) areaAt(now int64) float64 {
	return g.area + float64(g.v)*float64(now-g.last)
}

// resetMax starts a new maximum (the warm-up cut).
func (g *gauge) resetMax() { g.max = g.v }

// levels are the gauges of one service.
type levels struct {
	busy    gauge // workers in use, all replicas
	cap     gauge // workers of the replicas that are up
	queued  gauge // requests waiting for a worker
	cpuBusy gauge // cores in use (limited cpus only)
	cpuCap  gauge // cores of the replicas that are up
}

// areas is a snapshot of the integrals of levels.
type areas struct{ busy, cap, queued, cpuBusy, cpuCap float64 }

func (l *levels) areas(now int64) areas {
	return areas{l.busy.areaAt(now), l.cap.areaAt(now), l.queued.areaAt(now), l.cpuBusy.areaAt(now), l.cpuCap.areaAt(now)}
}

func (a areas) minus(b areas) areas {
	return areas{a.busy - b.busy, a.cap - b.cap, a.queued - b.queued, a.cpuBusy - b.cpuBusy, a.cpuCap - b.cpuCap}
}

func (a areas) plus(b areas) areas {
	return areas{a.busy + b.busy, a.cap + b.cap, a.queued + b.queued, a.cpuBusy + b.cpuBusy, a.cpuCap + b.cpuCap}
}

func ratio(a, b float64) float64 {
	if b <= 0 {
		return 0
	}
	return a / b
}
