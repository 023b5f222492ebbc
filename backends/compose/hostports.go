package compose

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/docker/docker/api/types/container"

	"github.com/berth-dev/berth/backends"
	"github.com/berth-dev/berth/planner"
)

// TakenPort is a host port a new container of the plan publishes that a
// running container of another project (or none) already holds.
type TakenPort struct {
	Port   string          // the plan's binding, "host_ip:published:target/protocol"
	Host   string          // the host side of it, "127.0.0.1:8080/tcp" or "8080/tcp"
	User   planner.Address // the new container that would publish it
	Holder string          // the container holding it, by name
	// HolderProject is the holder's berth or compose project, "" when it
	// has none.
	HolderProject string
}

// TakenHostPorts returns, sorted, the host ports the plan's new
// containers publish that a running container outside the project holds
// already. The engine refuses to start a container on a taken port
// ("port is already allocated"), by when the apply has made networks and
// other containers, and a replacement has removed the container it
// replaces: apply checks first, plan warns. Ports held by processes that
// are not containers are the engine's to find.
func (b *Backend) TakenHostPorts(ctx context.Context, p *planner.Plan) ([]TakenPort, error) {
	type want struct {
		port string
		user planner.Address
	}
	var wants []want
	for _, s := range p.Steps {
		if s.Op != planner.OpCreate || s.Change.Type != TypeContainer || s.Change.After == nil {
			continue
		}
		for _, port := range s.Change.After.Attrs.List("ports") {
			wants = append(wants, want{port, s.Change.Address})
		}
	}
	if len(wants) == 0 {
		return nil, nil
	}
	running, err := b.cli.ContainerList(ctx, container.ListOptions{})
	if err != nil {
		return nil, err
	}
	var out []TakenPort
	for _, w := range wants {
		ip, published, proto, ok := parseHostPort(w.port)
		if !ok {
			continue
		}
		for _, c := range running {
			if c.Labels[backends.LabelProject] == p.Project {
				continue // the project's own: the plan deletes or keeps it
			}
			if holds(c, ip, published, proto) {
				out = append(out, TakenPort{Port: w.port, Host: hostSide(ip, published, proto), User: w.user, Holder: strings.TrimPrefix(firstName(c.Names), "/"), HolderProject: holderProject(c.Labels)})
				break
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].User != out[j].User {
			return out[i].User.Less(out[j].User)
		}
		return out[i].Port < out[j].Port
	})
	return out, nil
}

// splitBinding splits the canonical "host_ip:published:target/protocol"
// (PortString) into its parts; the host IP may hold colons (IPv6).
func splitBinding(s string) (hostIP, published, target, proto string, ok bool) {
	i := strings.LastIndexByte(s, ':')
	j := strings.LastIndexByte(s[:max(i, 0)], ':')
	if i < 0 || j < 0 {
		return "", "", "", "", false
	}
	target, proto, _ = strings.Cut(s[i+1:], "/")
	return s[:j], s[j+1 : i], target, proto, true
}

// parseHostPort reads the host side of "host_ip:published:target/protocol".
func parseHostPort(s string) (ip string, published uint16, proto string, ok bool) {
	ip, pub, _, proto, ok := splitBinding(s)
	if !ok {
		return "", 0, "", false
	}
	n, err := strconv.ParseUint(pub, 10, 16)
	if err != nil || n == 0 {
		return "", 0, "", false
	}
	return ip, uint16(n), defaultString(proto, "tcp"), true
}

// holds reports whether container c publishes the host port on an
// address that overlaps ip (an unspecified address overlaps every one).
func holds(c container.Summary, ip string, published uint16, proto string) bool {
	for _, cp := range c.Ports {
		if cp.PublicPort != published || defaultString(cp.Type, "tcp") != proto {
			continue
		}
		if anyAddress(ip) || anyAddress(cp.IP) || cp.IP == ip {
			return true
		}
	}
	return false
}

// hostSide renders the host end of a binding as a user writes it.
func hostSide(ip string, published uint16, proto string) string {
	if ip == "" {
		return fmt.Sprintf("%d/%s", published, proto)
	}
	if strings.Contains(ip, ":") {
		ip = "[" + ip + "]"
	}
	return fmt.Sprintf("%s:%d/%s", ip, published, proto)
}

func anyAddress(ip string) bool {
	return ip == "" || ip == "0.0.0.0" || ip == "::"
}

// holderProject names the project of a container: berth's, else
// docker-compose's.
func holderProject(labels map[string]string) string {
	if p := labels[backends.LabelProject]; p != "" {
		return p
	}
	return labels["com.docker.compose.project"]
}

// checkHostPorts refuses a plan whose new containers publish a host port
// another project's running container holds, before any step runs.
func (b *Backend) checkHostPorts(ctx context.Context, p *planner.Plan) error {
	taken, err := b.TakenHostPorts(ctx, p)
	if err != nil || len(taken) == 0 {
		return err
	}
	var lines []string
	for _, t := range taken {
		lines = append(lines, fmt.Sprintf("  %s publishes host port %s, held by the container %s%s", t.User, t.Host, t.Holder, ofProject(t.HolderProject)))
	}
	return fmt.Errorf("host ports this plan publishes are held by running containers that are not the project's:\n%s\nNothing was done. Stop the container holding the port (docker stop NAME), or publish another port in the spec", strings.Join(lines, "\n"))
}

func ofProject(project string) string {
	if project == "" {
		return ""
	}
	return fmt.Sprintf(" (project %s)", project)
}
