package lang

// check runs the semantic checks that need the whole model, after every
// block is decoded.
func (st *loadState) check() {
	st.checkNames()
	st.checkNameRefs()
	st.checkCalls()
	st.checkUnused()
	st.checkEndpointRefs()
	st.checkLinks()
	st.checkTimeoutOrder()
	st.checkCallCycles()
	st.checkPorts()
	st.checkFaultReplicas()
	st.checkZeroReplicas()
	st.checkCallsToZeroReplicas()
}
