package lang

// checkZeroReplicas warns about a load that enters a service running no
// replica (replicas = 0, a service scaled down): every request of the
// load fails, refused, which a simulation shows as a 100 % error rate
// with no fault in sight. (Calls to such a service are left alone: a
// spec may call one on purpose, for refusals, as simulate/testdata/
// immediate does.)
func (st *loadState) checkZeroReplicas() {
	for _, ld := range st.spec.SortedLoads() {
		if entry := st.spec.Services[ld.Entry.Service]; entry != nil && entry.Replicas == 0 {
			st.add(warningAt(ld.Entry.Range, "Load enters a service without replicas",
				"Load %q enters %q, which has replicas = 0, so every request of the load is refused and fails. Give %q replicas, or enter another service.",
				ld.Name, entry.Name, entry.Name))
		}
	}
}
