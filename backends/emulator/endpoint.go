package emulator

import (
	"fmt"
	"net/url"

	"github.com/berth-dev/berth/lang"
	"github.com/berth-dev/berth/simulate/dist"
)

// endpointRT is an endpoint ready to serve: its sampler, and the slot of
// each call and publish step in the response.
type endpointRT struct {
	name     string
	work     dist.Sampler
	flow     *lang.Step
	index    map[*lang.Step]int
	nCalls   int
	nPublish int
}

func newEndpointRT(e *Endpoint) (*endpointRT, error) {
	smp, err := dist.New(e.ServiceTime)
	if err != nil {
		return nil, fmt.Errorf("endpoint %q: service_time: %w", e.Name, err)
	}
	rt := &endpointRT{name: e.Name, work: smp, flow: e.Flow, index: map[*lang.Step]int{}}
	e.Flow.Walk(func(s *lang.Step) {
		switch s.Kind {
		case lang.StepCall:
			rt.index[s] = rt.nCalls
			rt.nCalls++
		case lang.StepPublish:
			rt.index[s] = rt.nPublish
			rt.nPublish++
		}
	})
	return rt, nil
}

// path is where the endpoint is served.
func (e *endpointRT) path() string { return "/" + url.PathEscape(e.name) }
