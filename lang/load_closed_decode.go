package lang

import (
	"github.com/hashicorp/hcl/v2"
)

// openOnly lists what describes an open load's arrivals, which a closed
// load (users) has none of.
var openOnly = []string{"rate", "arrival"}

// decodeClosed decodes users and think_time, and reports whether the load
// is closed: users set (valid or not), so no rate is asked for. A closed
// load takes no rate, arrival process or rate profile blocks, and needs a
// think time of a mean above zero; think_time without users is an error.
func (st *loadState) decodeClosed(b *hcl.Block, a attrs, blocks hcl.Blocks, ld *Load) bool {
	if !a.has("users") {
		if a.has("think_time") {
			st.add(errorAt(a.rng("think_time"), "Think time without users",
				"think_time is the pause of each user of a closed load between an answer and its next request, and this load has no users: it sends at its rate. Add users = N to make it closed (its rate then follows from the users), or remove think_time."))
		}
		return false
	}
	a.integer("users", &ld.Users)
	a.need(ld.Users >= 1, "users", b.DefRange, "users must be 1 or more, not %d.", ld.Users)
	both := func(rng hcl.Range, what string) {
		st.add(errorAt(rng, "Open and closed load",
			"A load is open (a rate, a ramp, step or diurnal profile, an arrival process) or closed (users and think_time), not both. With users, each user sends its next request think_time after the answer to its last, so the rate follows from the users, the think time and the latencies. Remove %s, or users.", what))
	}
	for _, name := range openOnly {
		if a.has(name) {
			both(a.rng(name), name)
		}
	}
	for _, nb := range blocks {
		both(nb.DefRange, "the "+nb.Type+" block")
	}
	if !a.has("think_time") {
		st.add(errorAt(b.DefRange, "Missing think time",
			`A closed load (users) needs think_time, the pause of each user between an answer and its next request: think_time = "exp(1s)", for example. Without one its users would send as fast as the services answer, a run berth cannot bound.`))
		return true
	}
	a.dist("think_time", &ld.ThinkTime)
	if !ld.ThinkTime.IsZero() {
		a.need(ld.ThinkTime.Mean() > 0, "think_time", b.DefRange,
			`think_time must have a mean above zero: without a pause its users would send as fast as the services answer, a run berth cannot bound. Give it one, like "exp(1s)" or "const(100ms)".`)
	}
	ld.Arrival = ""
	return true
}
