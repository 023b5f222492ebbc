package policy

import (
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

var sinkInt int64

func BenchmarkBreakerAllowRecord(b *testing.B) {
	for _, tc := range []struct {
		name string
		cfg  *lang.CircuitBreaker
	}{
		{"time_window", hystrix()},
		{"count_window", &lang.CircuitBreaker{WindowCalls: 100, MinCalls: 100, FailureRate: 0.5}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			br := NewBreaker(tc.cfg)
			r := newRand(1)
			now := int64(0)
			b.ReportAllocs()
			for b.Loop() {
				now += int64(time.Millisecond)
				tk, ok := br.Allow(now)
				if ok {
					br.Record(now, tk, r.Uint32()&3 != 0, 0) // 25 % failures: stays closed
				}
			}
			if br.Openings() != 0 {
				b.Fatalf("opened %d times", br.Openings())
			}
		})
	}
}

func BenchmarkBalancerPick(b *testing.B) {
	cands := []int{0, 1, 2, 3, 4, 5, 6, 7}
	inflight := []int{3, 1, 4, 1, 5, 9, 2, 6}
	load := func(i int) int { return inflight[i] }
	for _, kind := range []string{lang.LBRoundRobin, lang.LBRandom, lang.LBLeastRequest, lang.LBP2C} {
		b.Run(kind, func(b *testing.B) {
			bal, _ := NewBalancer(kind)
			r := newRand(1)
			b.ReportAllocs()
			for b.Loop() {
				sinkInt += int64(bal.Pick(cands, load, r))
			}
		})
	}
}

func BenchmarkRetryNext(b *testing.B) {
	for _, j := range []string{lang.JitterNone, lang.JitterFull, lang.JitterEqual, lang.JitterDecorrelated} {
		b.Run(j, func(b *testing.B) {
			bo := NewBackoff(&lang.Retry{Base: 25 * time.Millisecond, Cap: 250 * time.Millisecond, Jitter: j})
			r := newRand(1)
			s := bo.Start()
			b.ReportAllocs()
			for b.Loop() {
				if s.Retries() == 3 {
					s = bo.Start()
				}
				sinkInt += s.Next(r)
			}
		})
	}
}

func BenchmarkBudget(b *testing.B) {
	bu := NewBudget(&lang.Retry{Budget: 0.2, MinRetryConcurrency: 3})
	b.ReportAllocs()
	for b.Loop() {
		bu.AttemptStart()
		if bu.TryRetry() {
			bu.RetryEnd()
		}
		bu.AttemptEnd()
	}
}

func BenchmarkBulkhead(b *testing.B) {
	bh := NewBulkhead(&lang.Bulkhead{MaxConcurrent: 10})
	b.ReportAllocs()
	for b.Loop() {
		if bh.TryAcquire() {
			bh.Release()
		}
	}
}
