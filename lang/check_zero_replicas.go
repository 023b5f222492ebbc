package lang

// checkZeroReplicas warns about a load that enters a service running no
// replica (replicas = 0, a service scaled down): every request of the
// load fails, refused, which a simulation shows as a 100 % error rate
// with no fault in sight. Calls into such a service are
// checkCallsToZeroReplicas's.
func (st *loadState) checkZeroReplicas() {
	for _, ld := range st.spec.SortedLoads() {
		if entry := st.spec.Services[ld.Entry.Service]; entry != nil && entry.Replicas == 0 {
			st.add(warningAt(ld.Entry.Range, "Load enters a service without replicas",
				"Load %q enters %q, which has replicas = 0, so every request of the load is refused and fails. Give %q replicas, or enter another service.",
				ld.Name, entry.Name, entry.Name))
		}
	}
}

// checkCallsToZeroReplicas warns at each call into a service running no
// replica: every call is refused and fails (or answers by its fallback),
// and the caller's retries, if any, only wait. A spec may do it on
// purpose, to study refusals (simulate/testdata/immediate): it is a
// warning, not an error. A call that never happens (probability = 0) is
// left alone.
func (st *loadState) checkCallsToZeroReplicas() {
	for _, svc := range st.services {
		forEachCall(svc, func(e *Endpoint, c *Call) {
			callee := st.spec.Services[c.Service]
			if callee == nil || callee == svc || callee.Replicas != 0 || c.Probability == 0 {
				return
			}
			fails := "is refused and fails"
			if c.Fallback != "" {
				fails = "is refused and answers by its fallback"
			}
			st.add(warningAt(c.DeclRange, "Call to a service without replicas",
				"Service %q calls %q in endpoint %q, but %q has replicas = 0, so every call %s. Give %q replicas, or remove the call.",
				svc.Name, callee.Name, e.Name, callee.Name, fails, callee.Name))
		})
	}
}
