package whatif

import "encoding/json"

// MarshalJSON writes a trial; a pruned one has no p99 and no error_rate:
// it was decided by analysis, not simulated, and zeros would read as a
// perfect result.
func (t Trial) MarshalJSON() ([]byte, error) {
	type plain Trial
	if t.Status != StatusPruned {
		return json.Marshal(plain(t))
	}
	return json.Marshal(struct {
		plain
		P99       *float64 `json:"p99,omitempty"`
		ErrorRate *float64 `json:"error_rate,omitempty"`
	}{plain: plain(t)})
}
