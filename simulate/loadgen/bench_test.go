package loadgen

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

// BenchmarkRun sends b.N requests (constant arrivals at 5,000/s) to a
// local server that answers at once, on the same 2 cores, and reports the
// answers per second the generator achieved, how late it sent on average,
// and the arrivals it dropped at the cap of 1,000 in flight.
func BenchmarkRun(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.Write([]byte("{}")) }))
	defer srv.Close()
	u, _ := CheckTarget(srv.URL)
	b.ResetTimer()
	res, err := Run(context.Background(), Options{
		Target: u, Load: load(5000, lang.ArrivalConstant, time.Hour),
		MaxRequests: int64(b.N), MaxInFlight: 1000,
	})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(res.Entry.Completed)/res.Elapsed, "answers/s")
	b.ReportMetric(res.Lag.Mean*1e3, "lag-ms")
	b.ReportMetric(float64(res.Dropped), "dropped")
}
