package lang

import (
	"github.com/hashicorp/hcl/v2"
	"github.com/zclconf/go-cty/cty"
)

// Variable is a `variable "name" {}` block with its final value: -var, then
// -var-file, then BERTH_VAR_name, then the default.
type Variable struct {
	Name        string
	Description string
	Type        cty.Type
	Default     cty.Value
	Sensitive   bool
	Value       cty.Value
	DeclRange   hcl.Range
}

// Network is a `network "name" {}` block.
type Network struct {
	Name       string            `json:"name"`
	Internal   bool              `json:"internal,omitempty"`   // no route outside
	Attachable bool              `json:"attachable,omitempty"` // swarm: overlay that plain containers may join
	Driver     string            `json:"driver,omitempty"`     // default: bridge (compose) / overlay (swarm)
	Labels     map[string]string `json:"labels,omitempty"`
	DeclRange  hcl.Range         `json:"-"`
}

// Volume is a `volume "name" {}` block.
type Volume struct {
	Name      string            `json:"name"`
	Driver    string            `json:"driver,omitempty"`
	Labels    map[string]string `json:"labels,omitempty"`
	DeclRange hcl.Range         `json:"-"`
}

// Secret is a `secret "name" { file = "..." }` block. Its content never
// appears in plans, logs or labels; only a hash of it does.
type Secret struct {
	Name string `json:"name"`
	// File is the path as written in the spec; Path is it resolved against
	// the spec directory (what backends read).
	File string `json:"file,omitempty"`
	Path string `json:"path,omitempty"`
	// Value is set when the secret comes from an expression (a sensitive
	// variable) instead of a file.
	Value     []byte    `json:"-"`
	DeclRange hcl.Range `json:"-"`
}

// Config is a `config "name" { file = "..." }` block, or inline `content`.
// Unlike a secret its content is not sensitive.
type Config struct {
	Name      string    `json:"name"`
	File      string    `json:"file,omitempty"`
	Path      string    `json:"path,omitempty"`
	Content   []byte    `json:"content,omitempty"`
	DeclRange hcl.Range `json:"-"`
}
