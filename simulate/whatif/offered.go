package whatif

import "github.com/berth-dev/berth/lang"

// Offered is the analytic offered load of a spec under one load: the
// rates that reach every service, edge and queue when the entry receives
// a given rate, from the endpoints' weights, calls and probabilities, with
// no queueing, no retries and no faults. It is what the search prunes
// with and what a finding uses when there is no simulation.
type Offered struct {
	// Rate is the requests and messages/s arriving at each service;
	// EndpointRate splits the requests by endpoint ("" for a service
	// without endpoint blocks), and ConsumeRate the messages by queue (they
	// run on the consumer threads, not the workers).
	Rate         map[string]float64
	EndpointRate map[string]map[string]float64
	ConsumeRate  map[string]map[string]float64
	// LinkRate is the calls/s over each caller → callee edge (first
	// attempts only) and QueueRate the messages/s published to each queue.
	LinkRate  map[lang.LinkKey]float64
	QueueRate map[string]float64
	// CPU is the utilisation of the cores, Σ λ·E[S] / (replicas · cpus),
	// for services whose resources.cpus limits them (absent otherwise).
	CPU map[string]float64
	// Local is a lower bound of the workers' utilisation: the local work
	// alone, Σ λ·E[S] / (replicas · workers). Queueing, downstream waits
	// and retries only add to it, so Local ≥ 1 means overload for sure.
	// For a consumer, it is the larger of that and its consumer threads'
	// (λ·E[S] / active consumers of each consume block).
	Local map[string]float64
	// Busy estimates the workers' utilisation with the downstream waits a
	// thread-model request holds its worker through (mean response times
	// without queueing; the slowest branch of a parallel block). It is an
	// estimate, not a bound: timeouts can cut a wait short. For a consumer,
	// the larger of that and its consumer threads' (a message holds its
	// thread through its whole flow).
	Busy map[string]float64
	// Hold is the mean time a request holds its worker (a message its
	// consumer thread), per service and endpoint, as Busy counts it.
	Hold map[string]map[string]float64
}

// maxDepth bounds the propagation through calls and queues; lang rejects
// call cycles, and a publish loop through queues is cut here.
const maxDepth = 64

// OfferedLoad returns the offered load of spec when load ld enters at
// rate requests/s (its peak: ld.Profile.Peak(), scaled as the caller
// wishes).
func OfferedLoad(spec *lang.Spec, ld *lang.Load, rate float64) *Offered {
	o := &Offered{
		Rate: map[string]float64{}, EndpointRate: map[string]map[string]float64{}, ConsumeRate: map[string]map[string]float64{},
		LinkRate: map[lang.LinkKey]float64{}, QueueRate: map[string]float64{},
		CPU: map[string]float64{}, Local: map[string]float64{}, Busy: map[string]float64{},
		Hold: map[string]map[string]float64{},
	}
	p := &propagator{spec: spec, o: o, hold: map[epKey]float64{}}
	entry := spec.Services[ld.Entry.Service]
	if entry == nil {
		return o
	}
	if ld.Entry.Endpoint != "" {
		p.push(entry, ld.Entry.Endpoint, rate, 0, "")
	} else {
		for name, share := range endpointShares(entry) {
			p.push(entry, name, rate*share, 0, "")
		}
	}
	p.utilisation()
	return o
}

// Rho returns the utilisation that bounds svc: the larger of its cores'
// and its workers' (Busy) utilisation.
func (o *Offered) Rho(svc string) float64 { return max(o.CPU[svc], o.Busy[svc]) }

// Bottleneck returns the service whose certain utilisation (CPU or the
// Local lower bound of the workers) is highest, and that utilisation.
func (o *Offered) Bottleneck() (string, float64) { return o.bottleneckAmong(nil) }

// endpointShares returns each endpoint's share of the load entering svc,
// by weight; a service without endpoints has the one implicit endpoint "".
func endpointShares(svc *lang.Service) map[string]float64 {
	if len(svc.Endpoints) == 0 {
		return map[string]float64{"": 1}
	}
	total := 0.0
	for _, e := range svc.Endpoints {
		total += max(e.Weight, 0)
	}
	out := map[string]float64{}
	for _, e := range svc.Endpoints {
		if total > 0 {
			out[e.Name] += max(e.Weight, 0) / total
		} else {
			out[e.Name] += 1 / float64(len(svc.Endpoints))
		}
	}
	return out
}
