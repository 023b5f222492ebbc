package simulate

import (
	"math"

	"github.com/berth-dev/berth/simulate/hist"
)

// Batch means: the confidence intervals of a single run. The measured
// window (warm-up cut to the end of the load) is split into Batches equal
// spans; each span gives one estimate of every main metric of the entry
// and of each service (the answers counted in the span in which they
// came, the time averages over the span), and the spread of those
// estimates gives a Student-t 95 % interval (ci.go). Answers that came
// during the drain after the load belong to the last batch.
//
// The batches are cut as simulated time passes them (cutBatches, called
// when the clock advances), so no event is added and a run's events and
// numbers are those of a run without batches.

// Batches is the number of batch means of a single run (the usual 10–30).
const Batches = 20

// batches accumulates the batch means of one metric.
type batches struct {
	cur        int
	ok, failed [Batches]int64
	done       [Batches]int64  // answers without error that came in the batch (metric.done)
	lat        *hist.Histogram // answers of the current batch
	mean, n    [Batches]float64
	lats       [Batches]hist.Counts // each batch's latencies, for the percentiles' intervals (ci.go)
}

func newBatches() *batches { return &batches{lat: hist.New()} }

// record counts one measured answer in the current batch.
func (b *batches) record(latency int64, ok bool) {
	if ok {
		b.ok[b.cur]++
	} else {
		b.failed[b.cur]++
	}
	b.lat.Record(latency)
}

// close ends the current batch: its latency statistics are read and the
// next batch starts (the last one stays open until the end of the run).
func (b *batches) close() {
	i := b.cur
	if n := b.lat.Count(); n > 0 {
		b.n[i] = float64(n)
		b.mean[i] = b.lat.Mean()
		b.lats[i] = b.lat.Counts()
	}
	b.lat.Reset()
	if b.cur < Batches-1 {
		b.cur++
	}
}

// batchClock is when the batches of one replication end.
type batchClock struct {
	width int64 // ns; the last batch also takes the remainder
	next  int64 // the next cut (MaxInt64: none left)
	k     int   // cuts made
}

// initBatches prepares the batch means of the measured window.
func (s *sim) initBatches() {
	s.batch.width = (s.end - s.warmup) / Batches
	if s.batch.width <= 0 {
		return
	}
	s.batch.next = s.warmup + s.batch.width
	s.entry.bat = newBatches()
	for _, svc := range s.svcs {
		svc.m.bat = newBatches()
		svc.batchUtil = make([]float64, 0, Batches)
	}
}

// cutBatches ends every batch whose end is at or before t, before the
// clock moves to t: the gauges have not changed since the last event, so
// their integrals at the cut are exact.
func (s *sim) cutBatches(t int64) {
	for s.batch.next <= t {
		at := s.batch.next
		s.entry.bat.close()
		for _, svc := range s.svcs {
			svc.m.bat.close()
			svc.closeBatchLevels(at)
		}
		s.batch.k++
		s.batch.next = math.MaxInt64
		if s.batch.k < Batches-1 {
			s.batch.next = s.warmup + int64(s.batch.k+1)*s.batch.width
		}
	}
}

// closeBatchLevels records the worker utilisation of the batch ending at.
func (svc *service) closeBatchLevels(at int64) {
	a := svc.levels.areas(at)
	d := a.minus(svc.batchAreas)
	svc.batchAreas = a
	svc.batchUtil = append(svc.batchUtil, ratio(d.busy, d.cap))
}

// closeLastBatch ends the last batch's time averages at the end of the
// load (its answers keep coming during the drain).
func (s *sim) closeLastBatch() {
	if s.entry.bat == nil {
		return
	}
	s.cutBatches(s.end)
	for _, svc := range s.svcs {
		if len(svc.batchUtil) < Batches {
			svc.closeBatchLevels(s.end)
		}
	}
}

// batchSpans returns the width of each batch in seconds.
func (s *sim) batchSpans() []float64 {
	out := make([]float64, Batches)
	for i := range out {
		out[i] = seconds(s.batch.width)
	}
	out[Batches-1] = seconds(s.end - s.warmup - int64(Batches-1)*s.batch.width)
	return out
}
