package simulate

import "github.com/hashicorp/hcl/v2"

// Result is what Run returns: the first run's report at the top level (so
// `entry` and `services` are where the acceptance checks look) and every
// run under Runs when several loads or scenarios ran.
type Result struct {
	*Report
	Runs []*Report `json:"runs,omitempty"`
}

// Pass reports whether every verdict of every run passed.
func (r *Result) Pass() bool {
	for _, run := range r.all() {
		if !run.Pass {
			return false
		}
	}
	return true
}

func (r *Result) all() []*Report {
	if len(r.Runs) > 0 {
		return r.Runs
	}
	return []*Report{r.Report}
}

// Report is the outcome of one run: one load without faults, or one
// scenario. Times are in seconds. With several replications, counts and
// latency histograms are pooled over all of them (so counts are sums and
// rates are per replication-second), each main metric carries its 95 %
// confidence interval, and the time series and events are those of the
// first replication.
type Report struct {
	Name         string  `json:"name"` // "load peak", "scenario orders-replica-loss"
	Load         string  `json:"load"`
	Scenario     string  `json:"scenario,omitempty"`
	Backend      string  `json:"backend"`
	Seed         uint64  `json:"seed"`
	Replications int     `json:"replications"`
	Duration     float64 `json:"duration"`
	Warmup       float64 `json:"warmup"`
	// Drain is the longest the run went on after the load to answer the
	// requests in flight (drain.go).
	Drain float64 `json:"drain,omitempty"`
	// CIMethod says how the ci of the metrics was computed:
	// "replications" (over the replications, with two or more) or
	// "batch_means" (over CIBatches batches of the single run's measured
	// window); see ci.go.
	CIMethod  string `json:"ci_method,omitempty"`
	CIBatches int    `json:"ci_batches,omitempty"`
	// Interval is the width of one time-series point (1 s unless the run
	// is longer than MaxPoints seconds).
	Interval float64 `json:"interval"`

	Entry    *Metrics                 `json:"entry"`
	Services map[string]*Metrics      `json:"services"`
	Links    []*LinkMetrics           `json:"links,omitempty"`
	Queues   map[string]*QueueMetrics `json:"queues,omitempty"`
	Events   []FaultEvent             `json:"events"`
	Verdicts []Verdict                `json:"verdicts"`
	Pass     bool                     `json:"pass"`
	// SimEvents is the number of events the engine processed (all
	// replications).
	SimEvents uint64 `json:"sim_events"`
}

// Metrics describe the requests of the entry, of one service or of one
// endpoint, counted from the warm-up cut to the end of the load.
type Metrics struct {
	// Throughput is the rate of requests answered without error (degraded
	// answers included), per second, counting the answers that came in
	// the measured window, whenever their requests arrived.
	Throughput float64 `json:"throughput"`
	// ErrorRate and DegradedRate are fractions of the answered requests.
	ErrorRate    float64 `json:"error_rate"`
	DegradedRate float64 `json:"degraded_rate"`
	// Utilization is the time-average fraction of workers (and consumer
	// threads) in use over the replicas that are up; CPUUtilization that of cores, when
	// resources.cpus limits them. CPUCores is the mean number of cores
	// busy with local work.
	Utilization    float64 `json:"utilization"`
	CPUUtilization float64 `json:"cpu_utilization,omitempty"`
	// Latency of every answer (errors included), from the arrival at the
	// service, queueing included, to the answer.
	Latency Latency `json:"latency"`
	// LatencyOK is the latency of the answers without error (degraded
	// included): the sojourn time of the requests served, without the
	// fast failures (a 503 of a full queue) that pull Latency down.
	LatencyOK Latency          `json:"latency_ok"`
	Arrivals  int64            `json:"arrivals"`
	Completed int64            `json:"completed"` // answered without error
	Failed    int64            `json:"failed"`    // unanswered included
	Degraded  int64            `json:"degraded"`
	InFlight  int64            `json:"in_flight"` // neither answered nor failed: 0 in a simulation (see Unanswered)
	Failures  map[string]int64 `json:"failures,omitempty"`
	// Unanswered are the failed requests that still had no answer when the
	// drain after the load ended; their ages are in Latency, as lower
	// bounds of latencies that never ended.
	Unanswered int64 `json:"unanswered"`
	// Rejections are requests refused because the queue was full.
	Rejections int64 `json:"rejections"`
	// Timeouts, Retries and BreakerOpenings count this service's outgoing
	// calls (the policies of its links).
	Timeouts        int64               `json:"timeouts"`
	Retries         int64               `json:"retries"`
	BreakerOpenings int64               `json:"breaker_openings"`
	Queue           QueueLength         `json:"queue"`
	Replicas        int                 `json:"replicas,omitempty"`
	Endpoints       map[string]*Metrics `json:"endpoints,omitempty"`
	Series          []Point             `json:"series,omitempty"`
	CI              *MetricsCI          `json:"ci,omitempty"`
}

// Latency holds latency statistics in seconds.
type Latency struct {
	Mean float64 `json:"mean"`
	P50  float64 `json:"p50"`
	P90  float64 `json:"p90"`
	P99  float64 `json:"p99"`
	P999 float64 `json:"p999"`
	Max  float64 `json:"max"`
}

// QueueLength is the number of requests waiting for a worker, summed over
// the service's replicas: its time average and maximum.
type QueueLength struct {
	Mean float64 `json:"mean"`
	Max  int64   `json:"max"`
}

// Point is one interval of a time series; rates are per second, Time is
// the end of the interval.
type Point struct {
	Time        float64 `json:"t"`
	Arrivals    float64 `json:"arrivals"`
	Throughput  float64 `json:"throughput"`
	Errors      float64 `json:"errors"`
	Degraded    float64 `json:"degraded,omitempty"`
	P50         float64 `json:"p50"`
	P99         float64 `json:"p99"`
	Utilization float64 `json:"utilization,omitempty"`
	Queue       float64 `json:"queue,omitempty"`
	Up          int     `json:"up,omitempty"` // replicas in rotation at the end of the interval
}

// CI is a 95 % confidence interval (Student t over the replications or
// the batch means of one run, around the reported point: ci.go).
type CI struct {
	Low  float64 `json:"low"`
	High float64 `json:"high"`
}

// MetricsCI holds the confidence intervals of the main metrics.
type MetricsCI struct {
	Throughput  CI `json:"throughput"`
	ErrorRate   CI `json:"error_rate"`
	Utilization CI `json:"utilization"`
	Mean        CI `json:"mean"`
	P50         CI `json:"p50"`
	P90         CI `json:"p90"`
	P99         CI `json:"p99"`
	P999        CI `json:"p999"`
}

// LinkMetrics count what the policies of one caller→callee edge did.
type LinkMetrics struct {
	From             string `json:"from"`
	To               string `json:"to"`
	Implicit         bool   `json:"implicit,omitempty"`
	Calls            int64  `json:"calls"`
	Attempts         int64  `json:"attempts"`
	Retries          int64  `json:"retries"`
	Timeouts         int64  `json:"timeouts"`
	Failures         int64  `json:"failures"` // calls that failed after their last attempt
	Fallbacks        int64  `json:"fallbacks"`
	BreakerOpenings  int64  `json:"breaker_openings"`
	BreakerRejected  int64  `json:"breaker_rejected"`
	BulkheadRejected int64  `json:"bulkhead_rejected"`
	BudgetRejected   int64  `json:"budget_rejected"`
}

// QueueMetrics describe one asynchronous queue as seen by one consuming
// service (every consuming service gets every message).
type QueueMetrics struct {
	Kind      string `json:"kind"`
	Consumer  string `json:"consumer,omitempty"`
	Published int64  `json:"published"`
	Dropped   int64  `json:"dropped"` // publishes refused: the queue was full
	Consumed  int64  `json:"consumed"`
	// Backlog is the number of messages waiting: time average, maximum
	// and at the end.
	Backlog struct {
		Mean  float64 `json:"mean"`
		Max   int64   `json:"max"`
		Final int64   `json:"final"`
	} `json:"backlog"`
	// Lag is the consumer lag: the wait of a message from publish to the
	// start of its processing (mean, p99), and the age of the oldest
	// message waiting at the end.
	Lag struct {
		Mean      float64 `json:"mean"`
		P99       float64 `json:"p99"`
		OldestAge float64 `json:"oldest_age"`
	} `json:"lag"`
	// ActiveConsumers are the consumers that can take messages (kafka:
	// at most the partitions); Consumers all of them.
	Consumers       int          `json:"consumers"`
	ActiveConsumers int          `json:"active_consumers"`
	Series          []QueuePoint `json:"series,omitempty"`
}

// QueuePoint is one interval of a queue's time series.
type QueuePoint struct {
	Time     float64 `json:"t"`
	Backlog  int64   `json:"backlog"`
	Consumed float64 `json:"consumed"` // per second
}

// FaultEvent is something that happened to the system during a run: a
// fault, its detection, a restart, a breaker opening. The HTML report
// marks them on its charts.
type FaultEvent struct {
	Time    float64 `json:"t"`
	Kind    string  `json:"kind"`
	Service string  `json:"service,omitempty"`
	Replica *int    `json:"replica,omitempty"` // 1-based, as Docker numbers tasks (orders.1)
	Node    *int    `json:"node,omitempty"`    // 1-based
	Detail  string  `json:"detail,omitempty"`
}

// Verdict is one checked bound of an expect block or an slo.
type Verdict struct {
	Source   string  `json:"source"` // "scenario NAME" or "slo NAME"
	Target   string  `json:"target"` // "entry", or the service[/endpoint]
	Metric   string  `json:"metric"` // p99, error_rate, throughput, ...
	Op       string  `json:"op"`     // "<=" or ">="
	Bound    float64 `json:"bound"`  // seconds for latencies
	Measured float64 `json:"measured"`
	Pass     bool    `json:"pass"`
	// NoData: no request reached the target in the measured time, so the
	// bound failed for want of evidence (Measured is 0).
	NoData bool `json:"no_data,omitempty"`
	// Pos is "file:line" of the attribute that set the bound, Range its
	// full source range.
	Pos   string       `json:"pos,omitempty"`
	Range *SourceRange `json:"range,omitempty"`
}

// SourceRange is a range in a spec file (lines and columns 1-based).
type SourceRange struct {
	Filename string    `json:"filename"`
	Start    SourcePos `json:"start"`
	End      SourcePos `json:"end"`
}

// SourcePos is a position in a spec file.
type SourcePos struct {
	Line   int `json:"line"`
	Column int `json:"column"`
	Byte   int `json:"byte"`
}

func sourceRange(r hcl.Range) *SourceRange {
	return &SourceRange{Filename: r.Filename,
		Start: SourcePos{r.Start.Line, r.Start.Column, r.Start.Byte},
		End:   SourcePos{r.End.Line, r.End.Column, r.End.Byte}}
}
