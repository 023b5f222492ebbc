package swarm

import (
	"sort"
	"time"

	"github.com/berth-dev/berth/planner"
)

// serviceDef is one swarm service in typed form: what the Target compiles
// from the model, what the executor turns into a swarm.ServiceSpec and what
// observation reads back from one. attrs and defFromAttrs convert it to and
// from the planner's attributes without loss.
type serviceDef struct {
	Image        string
	Args         []string // appended to the image's entrypoint (compose `command`)
	Env          map[string]string
	Labels       map[string]string // the user's labels; berth's own are added by the executor
	Networks     []string          // network names in the spec, sorted
	Ports        []portDef
	Secrets      []fileRef // sorted by Name
	Configs      []fileRef
	Mounts       []mountDef
	EndpointMode string // vip | dnsrr
	CPUs         float64
	Memory       int64
	Health       *healthDef
	Restart      restartDef
	Update       updateDef
	Rollback     updateDef
	Constraints  []string // sorted
	MaxPerNode   uint64
	Spread       []string // in preference order
	Replicas     uint64
}

type portDef struct {
	Published, Target uint32
	Protocol          string // tcp | udp
	Mode              string // ingress | host
}

// fileRef is a secret or config mounted into the service: the spec's name
// and the swarm object of its current version.
type fileRef struct {
	Name    string // in the spec
	Version string // the swarm object's name, P_name-<hash8>
}

type mountDef struct {
	Type     string // volume | bind
	Source   string // the spec's volume name, or the host path of a bind
	Target   string
	ReadOnly bool
	// Driver is the volume block's: the volume a task makes on its node
	// is made with it ("" is local).
	Driver string
}

type healthDef struct {
	Test                           []string
	Interval, Timeout, StartPeriod time.Duration
	Retries                        int
}

type restartDef struct {
	Condition     string
	Delay, Window time.Duration
	MaxAttempts   uint64
}

type updateDef struct {
	Parallelism     uint64
	Delay, Monitor  time.Duration
	Order           string
	FailureAction   string
	MaxFailureRatio float64
}

// Service attribute names.
const (
	attrImage        = "image"
	attrCommand      = "command"
	attrEnv          = "env"
	attrLabels       = "labels"
	attrNetworks     = "networks"
	attrPorts        = "ports"
	attrSecrets      = "secrets"
	attrConfigs      = "configs"
	attrMounts       = "mounts"
	attrEndpointMode = "endpoint_mode"
	attrCPUs         = "cpus"
	attrMemory       = "memory"
	attrHealth       = "health"
	attrRestart      = "restart"
	attrUpdate       = "update"
	attrRollback     = "rollback"
	attrConstraints  = "constraints"
	attrMaxPerNode   = "max_replicas_per_node"
	attrSpread       = "spread"
	attrReplicas     = "replicas"
)

// attrs returns the planner attributes of d.
func (d *serviceDef) attrs() planner.Attrs {
	a := planner.Attrs{}
	a.Set(attrImage, d.Image)
	a.Set(attrCommand, d.Args)
	a.Set(attrEnv, d.Env)
	a.Set(attrLabels, d.Labels)
	a.Set(attrNetworks, d.Networks)
	a.Set(attrPorts, mapList(d.Ports, portDef.String))
	a.Set(attrSecrets, mapList(d.Secrets, fileRef.String))
	a.Set(attrConfigs, mapList(d.Configs, fileRef.String))
	a.Set(attrMounts, mapList(d.Mounts, mountDef.String))
	a.Set(attrEndpointMode, d.EndpointMode)
	a.Set(attrCPUs, d.CPUs)
	a.Set(attrMemory, d.Memory)
	if d.Health != nil {
		a.Set(attrHealth, d.Health.attrs())
	}
	a.Set(attrRestart, d.Restart.attrs())
	a.Set(attrUpdate, d.Update.attrs())
	a.Set(attrRollback, d.Rollback.attrs())
	a.Set(attrConstraints, d.Constraints)
	a.Set(attrMaxPerNode, int64(d.MaxPerNode))
	a.Set(attrSpread, d.Spread)
	a.Set(attrReplicas, int64(d.Replicas))
	return a
}

// defFromAttrs is the inverse of attrs. It fails on attribute values that
// attrs never writes (a plan file edited by hand).
func defFromAttrs(a planner.Attrs) (*serviceDef, error) {
	d := &serviceDef{
		Image:        a.String(attrImage),
		Args:         a.List(attrCommand),
		Env:          a.Map(attrEnv),
		Labels:       a.Map(attrLabels),
		Networks:     a.List(attrNetworks),
		EndpointMode: a.String(attrEndpointMode),
		Memory:       a.Int(attrMemory),
		Constraints:  a.List(attrConstraints),
		MaxPerNode:   uint64(a.Int(attrMaxPerNode)),
		Spread:       a.List(attrSpread),
		Replicas:     uint64(a.Int(attrReplicas)),
	}
	switch c := a[attrCPUs].(type) {
	case int64:
		d.CPUs = float64(c)
	case string:
		d.CPUs = atof(c)
	}
	var err error
	if d.Ports, err = parseList(a.List(attrPorts), parsePort); err != nil {
		return nil, err
	}
	if d.Secrets, err = parseList(a.List(attrSecrets), parseFileRef); err != nil {
		return nil, err
	}
	if d.Configs, err = parseList(a.List(attrConfigs), parseFileRef); err != nil {
		return nil, err
	}
	if d.Mounts, err = parseList(a.List(attrMounts), parseMount); err != nil {
		return nil, err
	}
	if h := a.Map(attrHealth); h != nil {
		d.Health = healthFromAttrs(h)
	}
	d.Restart = restartFromAttrs(a.Map(attrRestart))
	d.Update = updateFromAttrs(a.Map(attrUpdate))
	d.Rollback = updateFromAttrs(a.Map(attrRollback))
	return d, nil
}

// sortRefs orders secret and config references by name.
func sortRefs(l []fileRef) { sort.Slice(l, func(i, j int) bool { return l[i].Name < l[j].Name }) }
