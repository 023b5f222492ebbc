package lang

import (
	"strings"
	"time"

	"github.com/hashicorp/hcl/v2"
)

// Service is one `service "name" {}` block, or one instance of a service
// block with for_each (then Name is "<label>-<key>" unless the block sets
// `name`, BlockName is the label and Key is each.key).
type Service struct {
	Name      string `json:"name"`
	BlockName string `json:"block_name,omitempty"`
	Key       string `json:"key,omitempty"`

	// Image is the container image. Empty means berth's own emulator runs
	// the service (Emulated() reports true).
	Image    string   `json:"image,omitempty"`
	Command  []string `json:"command,omitempty"`
	Replicas int      `json:"replicas"` // default 1
	// Networks the service joins, by name. Empty means the project's
	// implicit "default" network.
	Networks []string          `json:"networks,omitempty"`
	Ports    []Port            `json:"ports,omitempty"`
	Env      map[string]string `json:"env,omitempty"`
	// Sensitive lists the attribute paths whose values derive from a
	// sensitive variable ("env.KEY", or "env" for all of it). They are
	// never shown: plans show a hash, reviews say the value changed, and
	// export writes a ${VAR} interpolation instead.
	Sensitive []string `json:"sensitive,omitempty"`
	// EnvParts holds, by env key, how the spec writes the value when it
	// is made of literal text and variables alone (PASSWORD =
	// var.db_password, URL = "pg://app:${var.db_password}@db"): export
	// reads the sensitive variables in it from the environment variables
	// of their names, which the value alone cannot tell (two variables may
	// hold the same value).
	EnvParts  map[string][]EnvPart `json:"-"`
	Labels    map[string]string    `json:"labels,omitempty"`
	Secrets   []string             `json:"secrets,omitempty"` // secret names, mounted at /run/secrets/<name>
	Configs   []string             `json:"configs,omitempty"` // config names, mounted at /<name>
	Mounts    []Mount              `json:"mounts,omitempty"`
	DependsOn []string             `json:"depends_on,omitempty"`
	// EndpointMode is swarm's service discovery mode: "vip" (default) or
	// "dnsrr".
	EndpointMode string `json:"endpoint_mode,omitempty"`

	Resources Resources   `json:"resources"`
	Health    *Health     `json:"health,omitempty"`
	Restart   Restart     `json:"restart"`
	Update    Update      `json:"update"`
	Rollback  *Update     `json:"rollback,omitempty"` // swarm rollback_config; nil = same as Update
	Placement Placement   `json:"placement"`
	Capacity  Capacity    `json:"capacity"`
	Endpoints []*Endpoint `json:"endpoints,omitempty"` // in declaration order
	Consumes  []*Consume  `json:"consumes,omitempty"`

	DeclRange hcl.Range `json:"-"`
}

// IsSensitive reports whether the attribute path ("env.KEY") holds a
// value derived from a sensitive variable.
func (s *Service) IsSensitive(path string) bool {
	for _, p := range s.Sensitive {
		if p == path || strings.HasPrefix(path, p+".") {
			return true
		}
	}
	return false
}

// Emulated reports whether berth's emulator runs this service (no image).
func (s *Service) Emulated() bool { return s.Image == "" }

// Endpoint returns the named endpoint or nil. The empty name returns the
// first (default) endpoint.
func (s *Service) Endpoint(name string) *Endpoint {
	for _, e := range s.Endpoints {
		if name == "" || e.Name == name {
			return e
		}
	}
	return nil
}

// Port is a `port {}` block.
type Port struct {
	Published int    `json:"published,omitempty"` // 0: not published
	Target    int    `json:"target"`
	HostIP    string `json:"host_ip,omitempty"`
	Protocol  string `json:"protocol,omitempty"` // tcp (default) | udp
	// Mode is swarm's publish mode: "ingress" (default) or "host".
	Mode      string    `json:"mode,omitempty"`
	DeclRange hcl.Range `json:"-"`
}

// Mount is a `mount {}` block: a named volume or a bind.
type Mount struct {
	Volume   string `json:"volume,omitempty"` // a volume name, or "" for a bind
	Source   string `json:"source,omitempty"` // host path for a bind
	Target   string `json:"target"`
	ReadOnly bool   `json:"read_only,omitempty"`
}

// Resources is a `resources {}` block. Zero means no limit.
type Resources struct {
	CPUs   float64 `json:"cpus,omitempty"`
	Memory Size    `json:"memory,omitempty"`
}

// Health is a `health {}` block: an HTTP path probed by berth's emulator (or
// wget in images that have it), or an explicit command.
type Health struct {
	HTTP        string        `json:"http,omitempty"`
	Cmd         []string      `json:"cmd,omitempty"`
	Interval    time.Duration `json:"interval"`     // default 30s (Docker)
	Timeout     time.Duration `json:"timeout"`      // default 30s
	Retries     int           `json:"retries"`      // default 3
	StartPeriod time.Duration `json:"start_period"` // default 0
	DeclRange   hcl.Range     `json:"-"`
}

// Restart is a `restart {}` block; defaults follow swarmkit.
type Restart struct {
	Condition   string        `json:"condition"` // any (default) | on-failure | none
	Delay       time.Duration `json:"delay"`     // default 5s
	MaxAttempts int           `json:"max_attempts,omitempty"`
	Window      time.Duration `json:"window,omitempty"`
}

// Update is an `update {}` (or `rollback {}`) block; defaults follow swarmkit.
type Update struct {
	Parallelism     int           `json:"parallelism"`    // default 1
	Delay           time.Duration `json:"delay"`          // default 0
	Order           string        `json:"order"`          // stop-first (default) | start-first
	FailureAction   string        `json:"failure_action"` // pause (default) | continue | rollback
	Monitor         time.Duration `json:"monitor"`        // default 5s
	MaxFailureRatio float64       `json:"max_failure_ratio,omitempty"`
}

// Placement is a `placement {}` block (swarm).
type Placement struct {
	Constraints        []string `json:"constraints,omitempty"`
	MaxReplicasPerNode int      `json:"max_replicas_per_node,omitempty"`
	Spread             []string `json:"spread,omitempty"` // e.g. "node.labels.zone"
	// DeclRange is the placement block's; zero without one.
	DeclRange hcl.Range `json:"-"`
}

// Concurrency models of a replica.
const (
	ModelThread = "thread" // thread-per-request: a request holds its worker across downstream calls
	ModelAsync  = "async"  // non-blocking: a worker is held only while doing local work
)

// Capacity is a `capacity {}` block: how a replica serves requests.
type Capacity struct {
	Workers int `json:"workers"` // requests in progress per replica; default 64
	Queue   int `json:"queue"`   // waiting room per replica; default 256; full → rejected
	// ServiceTime is the local work of a request (default: none).
	ServiceTime Dist `json:"service_time"`
	// Model is ModelThread (default) or ModelAsync.
	Model string `json:"model"`
	// Startup is how long a replica takes from its (re)start to serving:
	// container creation and start plus the program's own start-up
	// (default: none). Only the simulator reads it: it delays restarts,
	// reschedules and reboots, not the replicas present at time 0.
	Startup   Dist      `json:"startup,omitzero"`
	DeclRange hcl.Range `json:"-"`
}

// EnvPart is literal text of an env value, or the variable whose value
// is in its place (Var).
type EnvPart struct {
	Lit string
	Var string
}
