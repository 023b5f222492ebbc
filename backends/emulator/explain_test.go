package emulator

import (
	"testing"
	"time"

	"github.com/berth-dev/berth/lang"
)

// A plan shows an emulated container's config by size and hash; the
// reason says what inside it changed, by callee and endpoint name.
func TestExplainChange(t *testing.T) {
	base := func() *Config {
		return &Config{Version: ConfigVersion, Service: "gateway", Port: 8080,
			Capacity:  lang.Capacity{Workers: 16},
			Endpoints: []Endpoint{{Name: "home"}},
			Links: []Link{
				{To: "auth", Port: 8080, Timeout: 300 * time.Millisecond},
				{To: "orders", Port: 8080, Timeout: 300 * time.Millisecond},
			}}
	}
	enc := func(c *Config) string {
		s, err := c.Encode()
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	for _, tc := range []struct {
		name string
		edit func(*Config)
		want string
	}{
		{"a link's timeout", func(c *Config) { c.Links[1].Timeout = 777 * time.Millisecond },
			"links[orders].timeout: 300ms → 777ms"},
		{"workers", func(c *Config) { c.Capacity.Workers = 32 }, "capacity.workers: 16 → 32"},
		{"a link added", func(c *Config) { c.Links = append(c.Links, Link{To: "users", Port: 8080}) },
			"links[users] added"},
		{"many", func(c *Config) {
			c.Capacity.Workers, c.Port, c.Links[0].Timeout, c.Links[1].Timeout = 1, 9090, 0, time.Second
		}, "capacity.workers: 16 → 1; links[auth].timeout: 300ms → (none); links[orders].timeout: 300ms → 1s; and 1 more"},
		{"every link removed", func(c *Config) { c.Links = nil },
			"links[auth] removed; links[orders] removed"},
		{"nothing", func(*Config) {}, ""},
	} {
		c := base()
		tc.edit(c)
		if got := ExplainChange(enc(base()), enc(c)); got != tc.want {
			t.Errorf("%s: got %q, want %q", tc.name, got, tc.want)
		}
	}
	if got := ExplainChange("not a config", enc(base())); got != "" {
		t.Errorf("undecodable: %q", got)
	}
}
