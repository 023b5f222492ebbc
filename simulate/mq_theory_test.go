package simulate

import (
	"fmt"
	"math"
	"testing"
)

// TestQueueConsumersTheory runs testdata/mq. rabbitmq: the replicas ×
// concurrency consumers before one FIFO are an M/M/c, so the consumer lag
// (publish to start) is Erlang C's Wq, its p99 solves C·e^(−(cμ−λ)t) =
// 0.01, the backlog is λ·Wq (Little) and the consumers' utilisation is
// λ/(cμ). kafka with one consumer per partition: each partition is an
// M/M/1 at λ/partitions. The utilisation of a consumer nothing calls used
// to count its 64 idle default workers too (0.024 instead of 0.8).
func TestQueueConsumersTheory(t *testing.T) {
	const mu = 1.0
	for _, tc := range []struct {
		name       string
		kind       string
		partitions int
		lambda     float64
		servers    int     // servers of each independent queue
		lam1       float64 // arrival rate of each independent queue
	}{
		{"rabbitmq M/M/4", "rabbitmq", 1, 3.2, 4, 3.2},
		{"kafka 4 × M/M/1", "kafka", 4, 3.2, 1, 0.8},
	} {
		sp := loadVars(t, "testdata/mq", map[string]string{"kind": tc.kind, "partitions": fmt.Sprint(tc.partitions),
			"rate": fmt.Sprint(tc.lambda), "replicas": "2", "concurrency": "2", "duration": "400000s"})
		res := mustRun(t, sp, Options{Seed: 21, Replications: 4})
		q, w := res.Queues["jobs"], res.Services["workers"]
		c := erlangC(tc.servers, tc.lam1/mu)
		theta := float64(tc.servers)*mu - tc.lam1
		wq, p99 := c/theta, math.Log(c/0.01)/theta
		rho := tc.lambda / (4 * mu)
		t.Logf("%s: lag %.4f (want %.4f) p99 %.3f (want %.3f) backlog %.4f (λ·lag %.4f) util %.4f (want %.4f)",
			tc.name, q.Lag.Mean, wq, q.Lag.P99, p99, q.Backlog.Mean, tc.lambda*q.Lag.Mean, w.Utilization, rho)
		if !within(q.Lag.Mean, wq, 0.02, nil) {
			t.Errorf("%s: lag mean %.4f, want Wq = %.4f", tc.name, q.Lag.Mean, wq)
		}
		if !within(q.Lag.P99, p99, 0.05, nil) {
			t.Errorf("%s: lag p99 %.4f, want %.4f", tc.name, q.Lag.P99, p99)
		}
		if !within(q.Backlog.Mean, tc.lambda*q.Lag.Mean, 0.02, nil) {
			t.Errorf("%s: backlog %.4f, want λ·lag = %.4f (Little)", tc.name, q.Backlog.Mean, tc.lambda*q.Lag.Mean)
		}
		if !within(w.Utilization, rho, 0.02, &w.CI.Utilization) {
			t.Errorf("%s: consumers' utilisation %.4f, want λ/(cμ) = %.4f", tc.name, w.Utilization, rho)
		}
	}
}

// TestQueueCapacityTheory: rabbitmq with c = 4 consumers and a backlog
// capped at 6 waiting messages is an M/M/4/10; a publish that finds the
// cap reached fails, so the publishing request fails with probability
// p(K), and the consumers' utilisation is λ(1 − p(K))/c.
func TestQueueCapacityTheory(t *testing.T) {
	const lambda, c, capacity = 4.0, 4, 6
	p := mmckP(c, c+capacity, lambda)
	block := p[c+capacity]
	sp := loadVars(t, "testdata/mq", map[string]string{"rate": fmt.Sprint(lambda), "capacity": fmt.Sprint(capacity), "duration": "100000s"})
	res := mustRun(t, sp, Options{Seed: 4, Replications: 4})
	q, f, w := res.Queues["jobs"], res.Services["front"], res.Services["workers"]
	dropped := float64(q.Dropped) / float64(q.Dropped+q.Published)
	t.Logf("dropped %.4f, front errors %.4f (want p(K) = %.4f, ci %v); util %.4f (want %.4f)",
		dropped, f.ErrorRate, block, f.CI.ErrorRate, w.Utilization, lambda*(1-block)/c)
	if !within(dropped, block, 0.02, &f.CI.ErrorRate) || !within(f.ErrorRate, block, 0.02, &f.CI.ErrorRate) {
		t.Errorf("dropped %.4f of the messages and front failed %.4f, want p(K) = %.4f", dropped, f.ErrorRate, block)
	}
	if !within(w.Utilization, lambda*(1-block)/c, 0.02, &w.CI.Utilization) {
		t.Errorf("utilisation %.4f, want %.4f", w.Utilization, lambda*(1-block)/c)
	}
}
