package swarm

import "github.com/berth-dev/berth/backends/composefile"

// The services of the Compose file format 3.9 (the last version docker
// stack deploy reads), as far as berth writes them; the rest of the file is
// package composefile's. Field order is the file's order.

type composeService struct {
	Image       string              `yaml:"image"`
	Command     []string            `yaml:"command,omitempty"`
	Environment map[string]string   `yaml:"environment,omitempty"`
	Networks    []string            `yaml:"networks,omitempty"`
	Ports       []composePort       `yaml:"ports,omitempty"`
	Secrets     []composeRef        `yaml:"secrets,omitempty"`
	Configs     []composeRef        `yaml:"configs,omitempty"`
	Volumes     []composeMount      `yaml:"volumes,omitempty"`
	Healthcheck *composefile.Health `yaml:"healthcheck,omitempty"`
	DependsOn   []string            `yaml:"depends_on,omitempty"` // for reference: docker stack deploy ignores it
	Deploy      composeDeploy       `yaml:"deploy"`
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

type composeDeploy struct {
	Mode           string                 `yaml:"mode"`
	Replicas       *uint64                `yaml:"replicas"`
	EndpointMode   string                 `yaml:"endpoint_mode,omitempty"`
	Labels         map[string]string      `yaml:"labels,omitempty"`
	Resources      *composefile.Resources `yaml:"resources,omitempty"`
	RestartPolicy  *composeRestart        `yaml:"restart_policy,omitempty"`
	UpdateConfig   *composeUpdate         `yaml:"update_config,omitempty"`
	RollbackConfig *composeUpdate         `yaml:"rollback_config,omitempty"`
	Placement      *composePlacement      `yaml:"placement,omitempty"`
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
