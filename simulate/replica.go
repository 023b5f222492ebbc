package simulate

// reach counts the arrival of j at its replica's service (once: a job
// that reached a hung replica has arrived, and is admitted if it resumes).
func (s *sim) reach(j *job) {
	if j.flags&jobArrived != 0 {
		return
	}
	j.arrived = s.now
	j.flags |= jobArrived
	if s.now >= s.warmup && !s.draining {
		j.flags |= jobMeasured
	}
	measured := j.flags&jobMeasured != 0
	j.svc.m.arrive(measured)
	if j.ep.m != nil {
		j.ep.m.arrive(measured)
	}
}

// arrive admits a job that reached its replica: a worker if one is free,
// else the queue, else a rejection.
func (s *sim) arrive(j *job) {
	r := j.rep
	s.reach(j)
	if j.flags&jobMessage != 0 { // consumers run outside the worker pool
		s.begin(j)
		return
	}
	svc := j.svc
	switch {
	case r.busy < svc.workers:
		r.busy++
		svc.busy.add(s.now, 1)
		j.flags |= jobWorker
		s.begin(j)
	case r.queue.len() < svc.queueCap:
		r.queue.push(j)
		svc.queued.add(s.now, 1)
	default:
		s.finish(j, failRejected)
	}
}

// begin starts a job that holds its worker: local work, then the flow.
func (s *sim) begin(j *job) {
	if s.failsByFault(j.rep) {
		s.at(0, evFaultError, j, 0, 0) // answered at once, as the emulator does
		return
	}
	if j.ep.hasWork {
		s.startWork(j)
		return
	}
	if s.slowDown(j) {
		return
	}
	s.afterWork(j)
}

// startWork runs the local work on a core of the replica, or queues for
// one. A replica has ceil(cpus) cores; with cpus ≤ 1 or whole, each runs
// at cpus/ceil(cpus) of full speed throughout (cpus = 0.5: one core at
// half speed, as a CFS quota of half a period stretches work to twice its
// time); a fractional cpus above 1 shares its speed (cpushare.go).
func (s *sim) startWork(j *job) {
	r, svc := j.rep, j.svc
	if svc.cpuSlots > 0 {
		if r.cpuBusy >= svc.cpuSlots {
			r.cpuQ.push(j)
			return
		}
		s.setCores(r, r.cpuBusy+1)
	}
	d := j.ep.work.Sample(svc.workRng)
	if svc.shared { // the speed depends on the work in progress (cpushare.go)
		s.shareStart(r, j, d)
		return
	}
	if svc.cpuSlots > 0 && svc.cpuSpeed < 1 {
		d = int64(float64(d) / svc.cpuSpeed)
	}
	s.at(d, evWorkDone, j, 0, 0)
}

// workDone ends the local work (epoch: of a shared-speed service's end,
// which a change of speed may have superseded): the core goes to the next
// job waiting for one, and the job goes on (after the extra delay of a
// slow fault).
func (s *sim) workDone(j *job, epoch uint32) {
	r, svc := j.rep, j.svc
	if svc.shared {
		if !s.shareDone(r, j, epoch) {
			return
		}
		s.setCores(r, r.cpuBusy-1)
		s.reshare(r, r.cpuBusy+1, r.cpuBusy)
	} else if svc.cpuSlots > 0 {
		s.setCores(r, r.cpuBusy-1)
	}
	if svc.cpuSlots > 0 {
		if r.cpuQ.len() > 0 {
			s.startWork(r.cpuQ.pop())
		}
	}
	if s.slowDown(j) {
		return
	}
	s.afterWork(j)
}

// slowDown holds j for the delay of a slow fault in force at its replica,
// after its local work or, without local work, as it begins; it reports
// whether there was one.
func (s *sim) slowDown(j *job) bool {
	r := j.rep
	if r.slowUntil <= s.now || r.slowDelay == nil {
		return false
	}
	s.at(r.slowDelay.Sample(j.svc.workRng), evSlowDone, j, 0, 0)
	return true
}

// afterWork runs the flow once the local work is done. In the async model
// the worker is given back first: waiting on calls holds none.
func (s *sim) afterWork(j *job) {
	if j.svc.async && j.flags&jobWorker != 0 {
		j.flags &^= jobWorker
		s.releaseWorker(j.rep)
	}
	if len(j.ep.nodes) == 0 {
		s.finish(j, answerOK)
		return
	}
	s.startNode(j, 0)
}

// releaseWorker frees one worker of r and hands it to the next queued job,
// which begins as one that found a free worker does (an error fault
// fails it there). A job without local work starts through an event, so
// a long queue of instant jobs cannot recurse; begin ends the others in
// an event too (the work, or the fault's answer).
func (s *sim) releaseWorker(r *replica) {
	if r.queue.len() == 0 {
		r.busy--
		r.svc.busy.add(s.now, -1)
		return
	}
	n := r.queue.pop()
	r.svc.queued.add(s.now, -1)
	n.flags |= jobWorker
	if n.ep.hasWork {
		s.begin(n)
		return
	}
	s.at(0, evStart, n, 0, 0)
}

// finish answers a job: metrics, its worker, its caller, and back to the pool.
func (s *sim) finish(j *job, class failClass) {
	lat := s.now - j.arrived
	measured := j.flags&jobMeasured != 0
	degraded := j.flags&jobDegraded != 0
	if j.flags&jobArrived != 0 {
		j.svc.m.answer(lat, class, degraded, measured)
		if j.ep.m != nil {
			j.ep.m.answer(lat, class, degraded, measured)
		}
	}
	if j.flags&jobEntry != 0 {
		s.entry.answer(s.now-j.sent, class, degraded, j.flags&jobEntryMeasured != 0)
		s.userThinks(j.user)
	}
	if j.flags&jobWorker != 0 {
		s.releaseWorker(j.rep)
	}
	s.detach(j)
	if j.parent != nil {
		s.reply(j, class)
	}
	if j.cons != nil {
		s.messageDone(j, class)
	}
	s.pool.put(j)
}

// attach adds j to r's job list (every job targeted at r, queued or not).
func (s *sim) attach(j *job, r *replica) {
	j.rep = r
	r.active++
	j.prev, j.next = nil, r.jobs
	if r.jobs != nil {
		r.jobs.prev = j
	}
	r.jobs = j
}

func (s *sim) detach(j *job) {
	r := j.rep
	if r == nil {
		return
	}
	r.active--
	if j.prev != nil {
		j.prev.next = j.next
	} else {
		r.jobs = j.next
	}
	if j.next != nil {
		j.next.prev = j.prev
	}
	j.prev, j.next = nil, nil
}
