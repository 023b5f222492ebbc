// Package composefile owns the shapes of the Compose file that
// `berth export compose` writes, where the compose and swarm targets agree:
// the top level, networks, volumes, secrets and configs, health checks and
// resource limits. Each target keeps its own service and deploy shapes,
// since `docker-compose` reads the Compose specification and `docker stack
// deploy` reads the 3.x format, and they differ there.
//
// It only writes; reading a Compose file is compose-go's job.
package composefile

import (
	"io"

	"go.yaml.in/yaml/v4"
)

// File is a Compose file of services of type S. Field order is the file's
// order.
type File[S any] struct {
	// Version is "3.9" for docker stack deploy and empty for the Compose
	// specification, which has none.
	Version  string              `yaml:"version,omitempty"`
	Services map[string]S        `yaml:"services"`
	Networks map[string]*Network `yaml:"networks,omitempty"`
	Volumes  map[string]*Volume  `yaml:"volumes,omitempty"`
	Secrets  map[string]*FileObj `yaml:"secrets,omitempty"`
	Configs  map[string]*FileObj `yaml:"configs,omitempty"`
}

// New returns an empty file of the given version.
func New[S any](version string) *File[S] {
	return &File[S]{Version: version, Services: map[string]S{}}
}

// Network is a top-level network.
type Network struct {
	Driver     string            `yaml:"driver,omitempty"`
	Internal   bool              `yaml:"internal,omitempty"`
	Attachable bool              `yaml:"attachable,omitempty"`
	Labels     map[string]string `yaml:"labels,omitempty"`
}

// Volume is a top-level volume.
type Volume struct {
	Driver string            `yaml:"driver,omitempty"`
	Labels map[string]string `yaml:"labels,omitempty"`
}

// FileObj is a top-level secret or config: a file, or (Swarm) an external
// object under Name.
type FileObj struct {
	Name     string `yaml:"name,omitempty"`
	File     string `yaml:"file,omitempty"`
	External bool   `yaml:"external,omitempty"`
}

// Health is a service's healthcheck.
type Health struct {
	Test        []string `yaml:"test"`
	Interval    string   `yaml:"interval,omitempty"`
	Timeout     string   `yaml:"timeout,omitempty"`
	Retries     *uint64  `yaml:"retries,omitempty"`
	StartPeriod string   `yaml:"start_period,omitempty"`
}

// Resources is deploy.resources.
type Resources struct {
	Limits *Limits `yaml:"limits,omitempty"`
}

// Limits is deploy.resources.limits: CPUs as a decimal, Memory in bytes.
type Limits struct {
	CPUs   string `yaml:"cpus,omitempty"`
	Memory string `yaml:"memory,omitempty"`
}

// AddNetwork declares a network.
func (f *File[S]) AddNetwork(name string, n *Network) { add(&f.Networks, name, n) }

// AddVolume declares a volume.
func (f *File[S]) AddVolume(name string, v *Volume) { add(&f.Volumes, name, v) }

// AddSecret declares a secret.
func (f *File[S]) AddSecret(name string, o *FileObj) { add(&f.Secrets, name, o) }

// AddConfig declares a config.
func (f *File[S]) AddConfig(name string, o *FileObj) { add(&f.Configs, name, o) }

func add[V any](m *map[string]V, name string, v V) {
	if *m == nil {
		*m = map[string]V{}
	}
	(*m)[name] = v
}

// Encode writes f as YAML indented by two spaces, after header (comment
// lines, or nothing). Every $ in a value is written $$, so that the
// reader's interpolation leaves the value as berth holds it.
func (f *File[S]) Encode(w io.Writer, header string) error {
	if _, err := io.WriteString(w, header); err != nil {
		return err
	}
	b, err := yaml.Marshal(f)
	if err != nil {
		return err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil {
		return err
	}
	escapeDollars(&doc)
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return err
	}
	return enc.Close()
}
