package emulator

import (
	"encoding/json"
	"reflect"
)

// RenamedAttr reports whether two encoded configs (the EnvConfig values
// of a plan's attributes) are equal but for the service's name: before is
// service from's, after service to's. It is the plan's rename hint for
// emulated services, whose config carries their name; backends register
// it in their planner.Schema's Renamed.
func RenamedAttr(before, after any, from, to string) bool {
	var sides [2]map[string]any
	for i, v := range []any{before, after} {
		s, ok := v.(string)
		if !ok {
			return false
		}
		js, err := configJSON(s)
		if err != nil || json.Unmarshal(js, &sides[i]) != nil {
			return false
		}
	}
	b, a := sides[0], sides[1]
	if b["service"] != from {
		return false
	}
	b["service"] = to
	return reflect.DeepEqual(b, a)
}
