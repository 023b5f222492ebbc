package swarm

import (
	"encoding/json"
	"strconv"
	"time"
)

// Helpers that write model values into the string maps of Attrs, and read
// them back. Maps hold strings only (planner.Attrs); durations use
// time.Duration's own format, numbers strconv's.

func durationString(d time.Duration) string { return d.String() }

func parseDuration(s string) time.Duration {
	d, _ := time.ParseDuration(s)
	return d
}

func itoa(i int64) string { return strconv.FormatInt(i, 10) }

func atoi(s string) int64 {
	i, _ := strconv.ParseInt(s, 10, 64)
	return i
}

func ftoa(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

func atof(s string) float64 {
	f, _ := strconv.ParseFloat(s, 64)
	return f
}

// jsonList encodes a command or healthcheck test as one string; decoding
// gives it back exactly (spaces inside arguments included).
func jsonList(l []string) string {
	if len(l) == 0 {
		return ""
	}
	b, _ := json.Marshal(l)
	return string(b)
}

func parseJSONList(s string) []string {
	if s == "" {
		return nil
	}
	var l []string
	_ = json.Unmarshal([]byte(s), &l)
	return l
}

// setIfAny stores m under key unless every value is empty.
func nonEmpty(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for k, v := range m {
		if v != "" {
			out[k] = v
		}
	}
	return out
}
