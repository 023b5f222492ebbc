package swarm

// The Compose file format (3.9, the last version docker stack deploy
// reads), as far as berth writes it. Field order is the file's order.

type composeFile struct {
	Version  string                     `yaml:"version"`
	Services map[string]*composeService `yaml:"services"`
	Networks map[string]*composeNetwork `yaml:"networks,omitempty"`
	Volumes  map[string]*composeVolume  `yaml:"volumes,omitempty"`
	Secrets  map[string]*composeFileObj `yaml:"secrets,omitempty"`
	Configs  map[string]*composeFileObj `yaml:"configs,omitempty"`
}

type composeService struct {
	Image       string            `yaml:"image"`
	Command     []string          `yaml:"command,omitempty"`
	Environment map[string]string `yaml:"environment,omitempty"`
	Networks    []string          `yaml:"networks,omitempty"`
	Ports       []composePort     `yaml:"ports,omitempty"`
	Secrets     []composeRef      `yaml:"secrets,omitempty"`
	Configs     []composeRef      `yaml:"configs,omitempty"`
	Volumes     []composeMount    `yaml:"volumes,omitempty"`
	Healthcheck *composeHealth    `yaml:"healthcheck,omitempty"`
	Deploy      composeDeploy     `yaml:"deploy"`
}

type composePort struct {
	Target    uint32 `yaml:"target"`
	Published uint32 `yaml:"published,omitempty"`
	Protocol  string `yaml:"protocol,omitempty"`
	Mode      string `yaml:"mode,omitempty"`
}

type composeRef struct {
	Source string `yaml:"source"`
	Target string `yaml:"target"`
}

type composeMount struct {
	Type     string `yaml:"type"`
	Source   string `yaml:"source"`
	Target   string `yaml:"target"`
	ReadOnly bool   `yaml:"read_only,omitempty"`
}

type composeHealth struct {
	Test        []string `yaml:"test"`
	Interval    string   `yaml:"interval,omitempty"`
	Timeout     string   `yaml:"timeout,omitempty"`
	Retries     *uint64  `yaml:"retries,omitempty"`
	StartPeriod string   `yaml:"start_period,omitempty"`
}

type composeDeploy struct {
	Mode           string            `yaml:"mode"`
	Replicas       *uint64           `yaml:"replicas"`
	EndpointMode   string            `yaml:"endpoint_mode,omitempty"`
	Labels         map[string]string `yaml:"labels,omitempty"`
	Resources      *composeResources `yaml:"resources,omitempty"`
	RestartPolicy  *composeRestart   `yaml:"restart_policy,omitempty"`
	UpdateConfig   *composeUpdate    `yaml:"update_config,omitempty"`
	RollbackConfig *composeUpdate    `yaml:"rollback_config,omitempty"`
	Placement      *composePlacement `yaml:"placement,omitempty"`
}

type composeResources struct {
	Limits *composeLimits `yaml:"limits,omitempty"`
}

type composeLimits struct {
	CPUs   string `yaml:"cpus,omitempty"`
	Memory string `yaml:"memory,omitempty"`
}

type composeRestart struct {
	Condition   string  `yaml:"condition,omitempty"`
	Delay       string  `yaml:"delay,omitempty"`
	MaxAttempts *uint64 `yaml:"max_attempts,omitempty"`
	Window      string  `yaml:"window,omitempty"`
}

type composeUpdate struct {
	Parallelism     *uint64  `yaml:"parallelism,omitempty"`
	Delay           string   `yaml:"delay,omitempty"`
	FailureAction   string   `yaml:"failure_action,omitempty"`
	Monitor         string   `yaml:"monitor,omitempty"`
	MaxFailureRatio *float64 `yaml:"max_failure_ratio,omitempty"`
	Order           string   `yaml:"order,omitempty"`
}

type composePlacement struct {
	Constraints []string            `yaml:"constraints,omitempty"`
	Preferences []composePreference `yaml:"preferences,omitempty"`
	MaxReplicas uint64              `yaml:"max_replicas_per_node,omitempty"`
}

type composePreference struct {
	Spread string `yaml:"spread"`
}

type composeNetwork struct {
	Driver     string            `yaml:"driver,omitempty"`
	Internal   bool              `yaml:"internal,omitempty"`
	Attachable bool              `yaml:"attachable,omitempty"`
	Labels     map[string]string `yaml:"labels,omitempty"`
}

type composeVolume struct {
	Driver string            `yaml:"driver,omitempty"`
	Labels map[string]string `yaml:"labels,omitempty"`
}

type composeFileObj struct {
	Name     string `yaml:"name"`
	File     string `yaml:"file,omitempty"`
	External bool   `yaml:"external,omitempty"`
}
