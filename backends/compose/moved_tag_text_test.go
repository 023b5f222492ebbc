package compose

import (
	"strings"
	"testing"
)

// TestMovedTagText: the drift of a moved tag names the tag and both
// builds' ids, with their creation times when these tell them apart, and
// never calls one older: the tag may have moved either way. Within
// planner's long-value length, the name going first.
func TestMovedTagText(t *testing.T) {
	const a, b = "sha256:25de3a19d855aaaa", "sha256:0a1b2c3d4e5fbbbb"
	for _, tt := range []struct {
		name         string
		runs, now    string
		want, absent string
	}{
		{"app:2", "2026-11-26T10:00:00Z", "2026-11-20T09:00:00Z",
			"another build of app:2 (25de3a19d855 made 2026-11-26; the tag: 0a1b2c3d4e5f made 2026-11-20)", ""},
		{"app:2", "2026-11-26T10:00:00.5Z", "2026-11-26T09:00:00Z",
			"another build of app:2 (25de3a19d855 made 10:00:00; the tag: 0a1b2c3d4e5f made 09:00:00)", ""},
		{"app:2", "2026-11-26T10:00:00Z", "2026-11-26T10:00:00.7Z",
			"another build of app:2 than the tag names (25de3a19d855, not 0a1b2c3d4e5f)", "made"},
		{"app:2", "", "2026-11-26T10:00:00Z",
			"another build of app:2 than the tag names (25de3a19d855, not 0a1b2c3d4e5f)", "made"},
		{"registry.example.com/team/app:2", "2026-11-26T10:00:00Z", "2026-11-20T09:00:00Z",
			"another build (25de3a19d855 made 2026-11-26; the tag: 0a1b2c3d4e5f made 2026-11-20)", "registry"},
	} {
		got := movedTag(tt.name, imageBuild{a, tt.runs}, imageBuild{b, tt.now})
		if got != tt.want || tt.absent != "" && strings.Contains(got, tt.absent) || len(got) > movedTagMax {
			t.Errorf("movedTag(%q, %q, %q)\n got %q\nwant %q", tt.name, tt.runs, tt.now, got, tt.want)
		}
		if strings.Contains(got, "older") {
			t.Errorf("%q calls a build older", got)
		}
	}
}
