package planner

import (
	"fmt"
	"strings"
)

// Address names one resource of a project: its type and its name, written
// "type.name" (container.orders[2], network.backend, secret.jwt).
type Address struct {
	Type string `json:"type"`
	Name string `json:"name"`
}

func (a Address) String() string { return a.Type + "." + a.Name }

// Less orders addresses by type, then name.
func (a Address) Less(b Address) bool {
	if a.Type != b.Type {
		return a.Type < b.Type
	}
	return a.Name < b.Name
}

// ParseAddress parses "type.name".
func ParseAddress(s string) (Address, error) {
	t, n, ok := strings.Cut(s, ".")
	if !ok || t == "" || n == "" {
		return Address{}, fmt.Errorf("invalid resource address %q: want type.name", s)
	}
	return Address{Type: t, Name: n}, nil
}

// Member returns the name of replica index (1-based) of group: "orders[2]".
func Member(group string, index int) string { return fmt.Sprintf("%s[%d]", group, index) }
