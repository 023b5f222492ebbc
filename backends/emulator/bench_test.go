package emulator

import (
	"io"
	"net/http"
	"testing"
)

// BenchmarkShopRequest measures one list_orders request through four
// in-process emulators (gateway → users ∥ orders → products, no local
// work): the emulator's own overhead per request, loopback HTTP included.
func BenchmarkShopRequest(b *testing.B) {
	c := newCluster(b)
	spec := shop(0)
	for _, s := range []string{"users", "orders", "products", "gateway"} {
		c.start(spec, s, 1)
	}
	url := c.url("gateway", "/list_orders")
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			resp, err := http.Get(url)
			if err != nil {
				b.Error(err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 {
				b.Errorf("status %d", resp.StatusCode)
				return
			}
		}
	})
}
