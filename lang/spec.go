package lang

import (
	"sort"

	"github.com/hashicorp/hcl/v2"
)

// Backend names.
const (
	BackendCompose = "compose"
	BackendSwarm   = "swarm"
)

// Spec is the typed model of one berth project: every *.berth.hcl file of a
// directory, evaluated and decoded. Maps are keyed by name; the Sorted*
// accessors give a deterministic order.
//
// A Spec is treated as immutable once Load returns it. Code that needs a
// variant (whatif, --emulate) works on a Clone.
type Spec struct {
	// Dir is the directory the spec was loaded from, as given to Load.
	Dir string `json:"dir"`

	Project string `json:"project"` // berth.project; default: the directory's base name
	Backend string `json:"backend"` // berth.backend; default: compose
	// Nodes is the number of hosts the simulator places replicas on
	// (berth.nodes). Default 1. Swarm placement spreads replicas over them.
	Nodes int `json:"nodes"`
	// Registry is where the swarm backend pushes the images berth builds
	// (the emulator's), as host[:port][/path] (berth.registry); the nodes
	// then pull them by digest. Empty: they are copied to each node.
	Registry string `json:"registry,omitempty"`
	// Defaults holds project-wide simulation defaults (berth.defaults).
	Defaults Defaults `json:"defaults"`

	Variables map[string]*Variable `json:"-"`
	Networks  map[string]*Network  `json:"networks"`
	Volumes   map[string]*Volume   `json:"volumes"`
	Secrets   map[string]*Secret   `json:"secrets"`
	Configs   map[string]*Config   `json:"configs"`
	Services  map[string]*Service  `json:"services"`
	// Links holds every caller→callee edge that is declared with a link
	// block, plus an implicit one (Implicit = true) for each call that has no
	// link block, carrying the default policies.
	Links     map[LinkKey]*Link    `json:"-"`
	Queues    map[string]*Queue    `json:"queues"`
	Loads     map[string]*Load     `json:"loads"`
	Scenarios map[string]*Scenario `json:"scenarios"`
	SLOs      map[string]*SLO      `json:"slos"`

	DeclRange hcl.Range `json:"-"` // range of the berth block, or of the first file
}

// Defaults are project-wide simulation defaults, from `berth { defaults { ... } }`.
type Defaults struct {
	// HopLatency is the one-way network latency added to every call that does
	// not declare its own link latency. Zero unless declared (or measured by
	// `berth calibrate`): the simulator adds no hidden delays.
	HopLatency Dist `json:"hop_latency"`
}

// LinkKey identifies the edge from one service to another.
type LinkKey struct {
	From string `json:"from"`
	To   string `json:"to"`
}

func (k LinkKey) String() string { return k.From + "->" + k.To }

// Link returns the policy of the edge from→to, or nil when there is none.
func (s *Spec) Link(from, to string) *Link { return s.Links[LinkKey{from, to}] }

// Service returns the named service or nil.
func (s *Spec) Service(name string) *Service { return s.Services[name] }

// SortedServices returns the services ordered by name.
func (s *Spec) SortedServices() []*Service { return sortedValues(s.Services) }

// SortedNetworks returns the networks ordered by name.
func (s *Spec) SortedNetworks() []*Network { return sortedValues(s.Networks) }

// SortedVolumes returns the volumes ordered by name.
func (s *Spec) SortedVolumes() []*Volume { return sortedValues(s.Volumes) }

// SortedSecrets returns the secrets ordered by name.
func (s *Spec) SortedSecrets() []*Secret { return sortedValues(s.Secrets) }

// SortedConfigs returns the configs ordered by name.
func (s *Spec) SortedConfigs() []*Config { return sortedValues(s.Configs) }

// SortedQueues returns the queues ordered by name.
func (s *Spec) SortedQueues() []*Queue { return sortedValues(s.Queues) }

// SortedLoads returns the loads ordered by name.
func (s *Spec) SortedLoads() []*Load { return sortedValues(s.Loads) }

// SortedScenarios returns the scenarios ordered by name.
func (s *Spec) SortedScenarios() []*Scenario { return sortedValues(s.Scenarios) }

// SortedSLOs returns the SLOs ordered by name.
func (s *Spec) SortedSLOs() []*SLO { return sortedValues(s.SLOs) }

// SortedLinks returns the links ordered by caller, then callee.
func (s *Spec) SortedLinks() []*Link {
	out := make([]*Link, 0, len(s.Links))
	for _, l := range s.Links {
		out = append(out, l)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].From != out[j].From {
			return out[i].From < out[j].From
		}
		return out[i].To < out[j].To
	})
	return out
}

func sortedValues[T any](m map[string]*T) []*T {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	out := make([]*T, len(keys))
	for i, k := range keys {
		out[i] = m[k]
	}
	return out
}
