package simulate

import "math"

// Local work under resources.cpus = c, as a CFS quota runs it: the
// replica's threads may use c cores' worth of time in all, and no
// thread more than one core. So with k requests doing local work at
// once, each runs at min(1, c/k) of a core's speed, at most ceil(c) at
// once (the others wait for a core, FIFO). With c ≤ 1 that is one at c
// of full speed (0.5: one core at half speed), and with a whole c, c
// cores at full speed: the speed never changes while a request works.
// With a fractional c above 1 (1.5) it does: one request alone runs at
// full speed, two share 1.5 cores at 0.75 each. Then each request's
// remaining work is kept (shareRun) and its end rescheduled whenever k
// changes the speed; an end scheduled before that carries an older
// epoch and is dropped.

// shareRun is one request working on a replica whose speed varies.
type shareRun struct {
	j     *job
	rem   float64 // work left, ns at full speed, as of last
	last  int64
	epoch uint32 // the epoch of its scheduled end
}

// speedAt is the speed of each of k requests working on one replica.
func (svc *service) speedAt(k int) float64 {
	if k <= 0 {
		return 1
	}
	return min(1, svc.cpus/float64(k))
}

// cpuMilli is the CPU k working requests use, in thousandths of a core.
func (svc *service) cpuMilli(k int) int64 {
	return int64(math.Round(1000 * min(float64(k), svc.cpus)))
}

// setCores changes the requests working on r's cores to k, and the CPU
// in use with them.
func (s *sim) setCores(r *replica, k int) {
	svc := r.svc
	svc.cpuBusy.add(s.now, svc.cpuMilli(k)-svc.cpuMilli(r.cpuBusy))
	r.cpuBusy = k
}

// shareStart starts d ns of work for j on r, whose working requests just
// went from k−1 to k (r.cpuBusy).
func (s *sim) shareStart(r *replica, j *job, d int64) {
	k := r.cpuBusy
	s.reshare(r, k-1, k)
	r.running = append(r.running, shareRun{j: j, rem: float64(d), last: s.now, epoch: r.shareEpoch})
	s.shareSchedule(j, float64(d), r.svc.speedAt(k), r.shareEpoch)
}

// shareDone takes the end of j's work with epoch off r's list; false for
// an end that a change of speed has superseded.
func (s *sim) shareDone(r *replica, j *job, epoch uint32) bool {
	for i, w := range r.running {
		if w.j != j {
			continue
		}
		if w.epoch != epoch {
			return false
		}
		r.running = append(r.running[:i], r.running[i+1:]...)
		return true
	}
	return false
}

// reshare moves r's working requests from the speed of from to that of
// to working at once: their progress so far is booked and their ends
// rescheduled under a new epoch.
func (s *sim) reshare(r *replica, from, to int) {
	old, now := r.svc.speedAt(from), r.svc.speedAt(to)
	if old == now || len(r.running) == 0 {
		return
	}
	r.shareEpoch++
	for i := range r.running {
		w := &r.running[i]
		w.rem = max(0, w.rem-float64(s.now-w.last)*old)
		w.last, w.epoch = s.now, r.shareEpoch
		s.shareSchedule(w.j, w.rem, now, w.epoch)
	}
}

// shareSchedule schedules the end of rem ns of work at speed.
func (s *sim) shareSchedule(j *job, rem, speed float64, epoch uint32) {
	s.q.add(s.now+int64(math.Ceil(rem/speed)), evWorkDone, 0, j.id, j.gen, epoch)
}
