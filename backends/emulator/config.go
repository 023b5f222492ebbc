package emulator

import (
	"bytes"
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"sync"
	"time"

	"github.com/berth-dev/berth/lang"
)

// EnvConfig is the environment variable `berth emulate` reads its Config
// from, in the form Encode writes.
const EnvConfig = "BERTH_EMULATOR_CONFIG"

// ConfigVersion is the version of the Config format. Decode refuses any
// other, so a container started by an older berth fails loudly.
const ConfigVersion = 1

// Config is everything one emulated service needs, compiled from the spec by
// Compile. It holds no replica counts (neither the service's nor its
// callees'): the backends hash it into the container's config hash, and
// scaling must never recreate a container. Callee replicas are found at run
// time from DNS instead.
//
// Every slice is in a deterministic order, so equal specs give equal bytes.
type Config struct {
	Version int    `json:"version"`
	Project string `json:"project,omitempty"`
	Service string `json:"service"`
	// Port is the TCP port the emulator listens on (see ServicePort).
	Port int `json:"port"`
	// HealthPath is served like /healthz (the spec's health.http), when it
	// is another path.
	HealthPath string        `json:"health_path,omitempty"`
	Capacity   lang.Capacity `json:"capacity"`
	// Endpoints in declaration order; the first is also served at "/". A
	// service that declares none gets one implicit endpoint named "" that
	// does only the local work.
	Endpoints []Endpoint `json:"endpoints"`
	// Links are the outgoing edges used by the endpoints, by callee name.
	Links []Link `json:"links,omitempty"`
	// Queues the endpoints publish to, by name.
	Queues []Queue `json:"queues,omitempty"`
	// Consumes are the queues this service drains (informational: messages
	// arrive as POSTs to the consume endpoint).
	Consumes []lang.Consume `json:"consumes,omitempty"`
}

// Endpoint is one endpoint: its local work, then its flow.
type Endpoint struct {
	Name string `json:"name"`
	// ServiceTime is the local work: the endpoint's own service_time, else
	// the service's capacity.service_time. Zero: no local work.
	ServiceTime lang.Dist  `json:"service_time"`
	Flow        *lang.Step `json:"flow,omitempty"`
}

// Link is the policy of one caller → callee edge, with where the callee
// listens.
type Link struct {
	To string `json:"to"`
	// Port the callee listens on (ServicePort of the callee).
	Port int `json:"port"`
	// Timeout per attempt; 0 = none.
	Timeout        time.Duration        `json:"timeout,omitempty"`
	Retry          *lang.Retry          `json:"retry,omitempty"`
	CircuitBreaker *lang.CircuitBreaker `json:"circuit_breaker,omitempty"`
	Bulkhead       *lang.Bulkhead       `json:"bulkhead,omitempty"`
	LoadBalancing  string               `json:"load_balancing,omitempty"`
	// Paths maps a called endpoint name ("" = the callee's first) to the
	// HTTP path to call.
	Paths map[string]string `json:"paths"`
}

// Queue is a queue the service publishes to, with its consumers.
type Queue struct {
	Name     string `json:"name"`
	Kind     string `json:"kind,omitempty"`
	Capacity int    `json:"capacity,omitempty"`
	// Consumers are the services that consume the queue, by name.
	Consumers []Consumer `json:"consumers,omitempty"`
}

// Consumer is a service draining a queue: where its messages are POSTed.
type Consumer struct {
	Service     string `json:"service"`
	Port        int    `json:"port"`
	Path        string `json:"path"`
	Concurrency int    `json:"concurrency"` // consumers per replica
}

// Endpoint returns the named endpoint; "" is the first one.
func (c *Config) Endpoint(name string) *Endpoint {
	for i := range c.Endpoints {
		if name == "" || c.Endpoints[i].Name == name {
			return &c.Endpoints[i]
		}
	}
	return nil
}

// Link returns the link to callee, or nil.
func (c *Config) Link(callee string) *Link {
	for i := range c.Links {
		if c.Links[i].To == callee {
			return &c.Links[i]
		}
	}
	return nil
}

// Queue returns the named queue, or nil.
func (c *Config) Queue(name string) *Queue {
	for i := range c.Queues {
		if c.Queues[i].Name == name {
			return &c.Queues[i]
		}
	}
	return nil
}

// Encode returns the config as one env-safe line: base64 of its compact
// JSON, gzipped first when the JSON is over plainLimit. The bytes are
// deterministic.
func (c *Config) Encode() (string, error) {
	js, err := json.Marshal(c)
	if err != nil {
		return "", err
	}
	if len(js) <= plainLimit {
		return base64.StdEncoding.EncodeToString(js), nil
	}
	var buf bytes.Buffer
	zw := gzipWriters.Get().(*gzip.Writer)
	defer gzipWriters.Put(zw)
	zw.Reset(&buf)
	zw.Write(js)
	if err := zw.Close(); err != nil {
		return "", err
	}
	return base64.StdEncoding.EncodeToString(buf.Bytes()), nil
}

// plainLimit is the largest config JSON Encode does not compress. Setting
// up gzip's compressor (clearing its tables) cost about 1 ms per config,
// most of a no-op apply's own work for 20 emulated services, while a
// config of this size stays far below the kernel's 128 KiB limit on one
// environment string either way; a larger one (a service fanning out to
// hundreds) needs the compression to fit.
const plainLimit = 16 << 10

// gzipWriters keeps compressors for Encode: each holds about 800 KB of
// tables, which a plan of many emulated services would otherwise allocate
// and clear once per service.
var gzipWriters = sync.Pool{New: func() any {
	zw, _ := gzip.NewWriterLevel(nil, gzip.BestCompression)
	return zw
}}

// Decode reads a config written by Encode (base64 of JSON, or of gzipped
// JSON). Plain JSON (a --config file) is accepted too.
func Decode(s string) (*Config, error) {
	js, err := configJSON(s)
	if err != nil {
		return nil, err
	}
	var c Config
	if err := json.Unmarshal(js, &c); err != nil {
		return nil, fmt.Errorf("emulator config: %w", err)
	}
	if err := c.check(); err != nil {
		return nil, err
	}
	return &c, nil
}

// configJSON returns the JSON of a config written by Encode, or of plain
// JSON.
func configJSON(s string) ([]byte, error) {
	js := []byte(s)
	if t := bytes.TrimSpace(js); len(t) == 0 || t[0] != '{' {
		raw, err := base64.StdEncoding.DecodeString(string(t))
		if err != nil {
			return nil, fmt.Errorf("emulator config: not JSON nor base64: %w", err)
		}
		js = raw
		if len(raw) == 0 || raw[0] != '{' {
			zr, err := gzip.NewReader(bytes.NewReader(raw))
			if err != nil {
				return nil, fmt.Errorf("emulator config: %w", err)
			}
			if js, err = io.ReadAll(io.LimitReader(zr, 64<<20)); err != nil {
				return nil, fmt.Errorf("emulator config: %w", err)
			}
		}
	}
	return js, nil
}

// check validates what the server relies on.
func (c *Config) check() error {
	switch {
	case c.Version != ConfigVersion:
		return fmt.Errorf("emulator config: version %d, this berth reads version %d (rebuild the emulator image)", c.Version, ConfigVersion)
	case c.Service == "":
		return fmt.Errorf("emulator config: no service name")
	case len(c.Endpoints) == 0:
		return fmt.Errorf("emulator config: service %q has no endpoint", c.Service)
	case c.Port <= 0 || c.Port > 65535:
		return fmt.Errorf("emulator config: port %d out of range", c.Port)
	}
	var err error
	for _, e := range c.Endpoints {
		if "/"+url.PathEscape(e.Name) == pathHealth {
			return fmt.Errorf("service %q has an endpoint %q, which berth's emulator would serve at %s, the path it keeps for its own health probe: rename the endpoint (its name changes nothing in the simulation)", c.Service, e.Name, pathHealth)
		}
		e.Flow.Walk(func(s *lang.Step) {
			switch {
			case err != nil:
			case s.Kind == lang.StepCall && (s.Call == nil || c.Link(s.Call.Service) == nil):
				err = fmt.Errorf("emulator config: endpoint %q calls a service with no link", e.Name)
			case s.Kind == lang.StepPublish && (s.Publish == nil || c.Queue(s.Publish.Queue) == nil):
				err = fmt.Errorf("emulator config: endpoint %q publishes to an unknown queue", e.Name)
			}
		})
	}
	return err
}
