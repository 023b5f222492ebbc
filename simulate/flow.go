package simulate

// startNode runs flow node n of j.
func (s *sim) startNode(j *job, n int) {
	fn := &j.ep.nodes[n]
	st := &j.nodes[n]
	switch fn.kind {
	case nodeSequence:
		if len(fn.children) == 0 {
			s.nodeDone(j, n, answerOK)
			return
		}
		st.count = 0
		s.startNode(j, int(fn.children[0]))
	case nodeParallel:
		if len(fn.children) == 0 {
			s.nodeDone(j, n, answerOK)
			return
		}
		// One extra count while the children start, so a child that ends
		// at once cannot close the join before its siblings have started.
		st.count = int32(len(fn.children)) + 1
		gen := j.gen
		for _, c := range fn.children {
			s.startNode(j, int(c))
			if j.gen != gen {
				return
			}
		}
		s.joinOne(j, n)
	case nodeCall:
		if fn.prob < 1 && j.svc.flowRng.Float64() >= fn.prob {
			s.nodeDone(j, n, answerOK)
			return
		}
		s.startCall(j, n)
	case nodePublish:
		if fn.prob < 1 && j.svc.flowRng.Float64() >= fn.prob {
			s.nodeDone(j, n, answerOK)
			return
		}
		s.nodeDone(j, n, s.publish(fn.topic))
	}
}

// nodeDone moves the flow on after node n ended with class: a sequence
// stops at its first failure; a parallel waits for all its children (the
// join) and fails when any of them failed.
func (s *sim) nodeDone(j *job, n int, class failClass) {
	j.nodes[n].done = true
	p := j.ep.nodes[n].parent
	if p < 0 {
		if class != answerOK {
			class = failError // the caller sees a 5xx, whatever failed inside
		}
		s.finish(j, class)
		return
	}
	pn, ps := &j.ep.nodes[p], &j.nodes[p]
	if pn.kind == nodeParallel {
		if class != answerOK && ps.failed == answerOK {
			ps.failed = class
		}
		s.joinOne(j, int(p))
		return
	}
	if class != answerOK {
		s.nodeDone(j, int(p), class)
		return
	}
	ps.count++
	if int(ps.count) < len(pn.children) {
		s.startNode(j, int(pn.children[ps.count]))
		return
	}
	s.nodeDone(j, int(p), answerOK)
}

// joinOne counts one child of parallel node n as done.
func (s *sim) joinOne(j *job, n int) {
	st := &j.nodes[n]
	st.count--
	if st.count == 0 {
		s.nodeDone(j, n, st.failed)
	}
}
