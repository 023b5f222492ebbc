package compose

import (
	"fmt"
	"strings"
	"time"
)

// imageBuild is an image as a container runs it or a tag names it: its id and
// its creation time as the engine gives it (RFC 3339, "" when unknown).
type imageBuild struct{ id, created string }

// movedTag is the observed image of a container whose image name was
// given to another image since the container was made (a rebuilt
// myapp:latest, or a tag moved back to an older image): it differs from
// the spec's name, so the plan replaces the container and says why, as
// docker-compose up recreates it. It says only what is known: the image
// the container runs is another build than the tag names, which may be
// newer or older, with both ids and, when they tell them apart, both
// creation times.
// The text must stay under planner's long-value length to be printed: the
// first of the texts below that fits is taken, the name (which the plan
// shows beside it) and then the times left out as needed.
func movedTag(name string, runs, now imageBuild) string {
	r, n := shortImageID(runs.id), shortImageID(now.id)
	var texts []string
	if rt, nt := createdTimes(runs.created, now.created); rt != "" {
		texts = append(texts,
			fmt.Sprintf("another build of %s (%s made %s; the tag: %s made %s)", name, r, rt, n, nt),
			fmt.Sprintf("another build (%s made %s; the tag: %s made %s)", r, rt, n, nt))
	}
	texts = append(texts,
		fmt.Sprintf("another build of %s than the tag names (%s, not %s)", name, r, n),
		fmt.Sprintf("another build than the tag names (%s, not %s)", r, n))
	for _, t := range texts {
		if len(t) <= movedTagMax {
			return t
		}
	}
	return texts[len(texts)-1]
}

// movedTagMax is planner's long-value length (planner.FormatValue shows
// a longer string by its size and hash).
const movedTagMax = 96

// createdTimes are two images' creation times as short as they stay
// apart: the day when the days differ, else the time of day (UTC); ""
// when either is unknown or they are the same second.
func createdTimes(a, b string) (string, string) {
	ta, errA := time.Parse(time.RFC3339Nano, a)
	tb, errB := time.Parse(time.RFC3339Nano, b)
	if errA != nil || errB != nil {
		return "", ""
	}
	ta, tb = ta.UTC(), tb.UTC()
	for _, layout := range []string{time.DateOnly, time.TimeOnly} {
		if x, y := ta.Format(layout), tb.Format(layout); x != y {
			return x, y
		}
	}
	return "", ""
}

// shortImageID is an image id as docker images prints it.
func shortImageID(id string) string {
	return shortID(strings.TrimPrefix(id, "sha256:"))
}
