package lang

// checkCallCycles reports cycles in the synchronous call graph.
func (st *loadState) checkCallCycles() {}

// checkPorts reports two services publishing the same host port.
func (st *loadState) checkPorts() {}
