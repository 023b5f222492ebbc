package swarm

import (
	"fmt"
	"strconv"
	"strings"
)

// The text forms of a service's list and map attributes, and their
// parsers: each String has its parse, and the round trip is exact.

func mapList[T any](l []T, f func(T) string) []string {
	if len(l) == 0 {
		return nil
	}
	out := make([]string, len(l))
	for i, x := range l {
		out[i] = f(x)
	}
	return out
}

func parseList[T any](l []string, f func(string) (T, error)) ([]T, error) {
	if len(l) == 0 {
		return nil, nil
	}
	out := make([]T, len(l))
	for i, s := range l {
		x, err := f(s)
		if err != nil {
			return nil, err
		}
		out[i] = x
	}
	return out, nil
}

// String is "published:target/protocol@mode", e.g. "8080:8080/tcp@host";
// an unpublished port is "target/protocol@mode".
func (p portDef) String() string {
	s := strconv.Itoa(int(p.Target)) + "/" + p.Protocol + "@" + p.Mode
	if p.Published != 0 {
		s = strconv.Itoa(int(p.Published)) + ":" + s
	}
	return s
}

func parsePort(s string) (portDef, error) {
	var p portDef
	rest, mode, ok := strings.Cut(s, "@")
	nums, proto, ok2 := strings.Cut(rest, "/")
	if !ok || !ok2 {
		return p, fmt.Errorf("port %q: want published:target/protocol@mode", s)
	}
	p.Mode, p.Protocol = mode, proto
	pub, tgt, hasPub := strings.Cut(nums, ":")
	if !hasPub {
		pub, tgt = "0", nums
	}
	a, err1 := strconv.ParseUint(pub, 10, 16)
	b, err2 := strconv.ParseUint(tgt, 10, 16)
	if err1 != nil || err2 != nil {
		return p, fmt.Errorf("port %q: want published:target/protocol@mode", s)
	}
	p.Published, p.Target = uint32(a), uint32(b)
	return p, nil
}

// String is "name=version", e.g. "jwt=shop_jwt-1a2b3c4d".
func (f fileRef) String() string { return f.Name + "=" + f.Version }

func parseFileRef(s string) (fileRef, error) {
	n, v, ok := strings.Cut(s, "=")
	if !ok || n == "" || v == "" {
		return fileRef{}, fmt.Errorf("reference %q: want name=version", s)
	}
	return fileRef{Name: n, Version: v}, nil
}

// String is "type:source:target" plus ":ro" when read-only and
// ":driver=NAME" for a volume of another driver than local.
func (m mountDef) String() string {
	s := m.Type + ":" + m.Source + ":" + m.Target
	if m.ReadOnly {
		s += ":ro"
	}
	if m.Driver != "" && m.Driver != "local" {
		s += ":driver=" + m.Driver
	}
	return s
}

func parseMount(s string) (mountDef, error) {
	parts := strings.Split(s, ":")
	if len(parts) < 3 || len(parts) > 5 {
		return mountDef{}, fmt.Errorf("mount %q: want type:source:target[:ro][:driver=NAME]", s)
	}
	m := mountDef{Type: parts[0], Source: parts[1], Target: parts[2]}
	for _, p := range parts[3:] {
		switch d, ok := strings.CutPrefix(p, "driver="); {
		case p == "ro" && !m.ReadOnly && m.Driver == "":
			m.ReadOnly = true
		case ok && d != "" && m.Driver == "":
			m.Driver = d
		default:
			return mountDef{}, fmt.Errorf("mount %q: want type:source:target[:ro][:driver=NAME]", s)
		}
	}
	return m, nil
}

func (h *healthDef) attrs() map[string]string {
	return nonEmpty(map[string]string{
		"test":         jsonList(h.Test),
		"interval":     durationString(h.Interval),
		"timeout":      durationString(h.Timeout),
		"start_period": durationString(h.StartPeriod),
		"retries":      strconv.Itoa(h.Retries),
	})
}

func healthFromAttrs(m map[string]string) *healthDef {
	return &healthDef{
		Test:        parseJSONList(m["test"]),
		Interval:    parseDuration(m["interval"]),
		Timeout:     parseDuration(m["timeout"]),
		StartPeriod: parseDuration(m["start_period"]),
		Retries:     int(atoi(m["retries"])),
	}
}

func (r restartDef) attrs() map[string]string {
	return nonEmpty(map[string]string{
		"condition":    r.Condition,
		"delay":        durationString(r.Delay),
		"max_attempts": itoa(int64(r.MaxAttempts)),
		"window":       durationString(r.Window),
	})
}

func restartFromAttrs(m map[string]string) restartDef {
	return restartDef{
		Condition:   m["condition"],
		Delay:       parseDuration(m["delay"]),
		MaxAttempts: uint64(atoi(m["max_attempts"])),
		Window:      parseDuration(m["window"]),
	}
}

func (u updateDef) attrs() map[string]string {
	return nonEmpty(map[string]string{
		"parallelism":       itoa(int64(u.Parallelism)),
		"delay":             durationString(u.Delay),
		"monitor":           durationString(u.Monitor),
		"order":             u.Order,
		"failure_action":    u.FailureAction,
		"max_failure_ratio": ftoa(u.MaxFailureRatio),
	})
}

func updateFromAttrs(m map[string]string) updateDef {
	return updateDef{
		Parallelism:     uint64(atoi(m["parallelism"])),
		Delay:           parseDuration(m["delay"]),
		Monitor:         parseDuration(m["monitor"]),
		Order:           m["order"],
		FailureAction:   m["failure_action"],
		MaxFailureRatio: atof(m["max_failure_ratio"]),
	}
}
