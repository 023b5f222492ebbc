package loadgen

import (
	"encoding/json"
	"net/http"
)

// callTree is the part of an emulator's response body (see
// backends/emulator.Response, the HTTP contract) that tells which services
// a request reached: the answering service and its downstream calls, each
// with the callee's own response nested.
type callTree struct {
	Service  string     `json:"service"`
	Degraded bool       `json:"degraded"`
	Calls    []treeCall `json:"calls"`
}

type treeCall struct {
	Service  string          `json:"service"`
	Status   int             `json:"status"`
	Attempts int             `json:"attempts"`
	Body     json.RawMessage `json:"body"`
}

// parseTree decodes body as a call tree; nil when it is not one.
func parseTree(body []byte) *callTree {
	var t callTree
	if json.Unmarshal(body, &t) != nil || t.Service == "" {
		return nil
	}
	return &t
}

// serviceCount tallies the requests one service received.
type serviceCount struct {
	arrivals, ok, failed, degraded int64
}

// serviceCounts tallies every service of the measured call trees. A call
// of A to B counts each of its attempts as a request B received; the last
// attempt's status says whether B answered it (200) and the earlier ones
// failed. A timed-out attempt counts as failed although B may have
// finished it later (the simulator counts that wasted work as B's success),
// so B's error rate is the failure rate its callers saw.
type serviceCounts struct {
	by map[string]*serviceCount
}

func newServiceCounts() *serviceCounts { return &serviceCounts{by: map[string]*serviceCount{}} }

func (s *serviceCounts) get(name string) *serviceCount {
	c := s.by[name]
	if c == nil {
		c = &serviceCount{}
		s.by[name] = c
	}
	return c
}

// add counts one entry request: the entry itself with its status, then
// its calls down the tree.
func (s *serviceCounts) add(t *callTree, status int) {
	c := s.get(t.Service)
	c.arrivals++
	if status == http.StatusOK {
		c.ok++
		if t.Degraded {
			c.degraded++
		}
	} else {
		c.failed++
	}
	s.addCalls(t, 0)
}

// maxDepth bounds the recursion over a (hostile or broken) response.
const maxDepth = 64

func (s *serviceCounts) addCalls(t *callTree, depth int) {
	if depth >= maxDepth {
		return
	}
	for _, call := range t.Calls {
		if call.Service == "" || call.Attempts <= 0 {
			continue // skipped, or refused before reaching the callee (breaker, bulkhead)
		}
		c := s.get(call.Service)
		c.arrivals += int64(call.Attempts)
		c.failed += int64(call.Attempts - 1)
		sub := parseTree(call.Body)
		if call.Status != http.StatusOK {
			c.failed++
		} else {
			c.ok++
			if sub != nil && sub.Degraded {
				c.degraded++
			}
		}
		if sub != nil {
			s.addCalls(sub, depth+1)
		}
	}
}
