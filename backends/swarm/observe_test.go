package swarm

import (
	"strings"
	"testing"

	"github.com/docker/docker/api/types/swarm"
)

// Versions of one secret left by an interrupted rotation: the one a
// service mounts is the resource, the others get addresses of their own,
// which no spec has, so the next plan deletes them.
func TestObserveVersions(t *testing.T) {
	ann := func(name, hash string) swarm.Annotations {
		return swarm.Annotations{Name: name, Labels: map[string]string{
			LabelProject: "p", LabelResource: "secret.jwt", LabelContentHash: hash,
		}}
	}
	objs := []versionedObject{
		{TypeSecret, "new", ann("p_jwt-22222222", "sha256:22222222aaaa"), 2},
		{TypeSecret, "old", ann("p_jwt-11111111", "sha256:11111111aaaa"), 1},
	}
	tests := []struct {
		name  string
		inUse map[string]bool
		want  string
	}{
		{"the mounted one wins", map[string]bool{"p_jwt-11111111": true}, "secret.jwt=old secret.jwt@22222222=new"},
		{"else the newest", nil, "secret.jwt=new secret.jwt@11111111=old"},
	}
	for _, tt := range tests {
		var got []string
		for _, r := range observeVersions(append([]versionedObject(nil), objs...), tt.inUse) {
			got = append(got, r.Address.String()+"="+r.ID)
			if !r.IsSensitive(attrContent) {
				t.Errorf("%s: content not sensitive", r.Address)
			}
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, g, tt.want)
		}
	}
}

func TestImageAsAsked(t *testing.T) {
	const digest = "@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	const id, otherID = "sha256:cc22d7ac5d7597319e62816588cba4886cf141e896e43c8de90be4af493aca95",
		"sha256:dd22d7ac5d7597319e62816588cba4886cf141e896e43c8de90be4af493aca95"
	ids := map[string]string{"berth-emulator:abc": id, "shop/api:1": otherID}
	for _, tc := range []struct{ running, asked, want string }{
		{id, "berth-emulator:abc", "berth-emulator:abc"}, // pinned by berth to the manager's image id
		{id, "shop/api:1", id},                           // the tag names another image on the manager now
		{id, "shop/api:2", id},                           // the manager has no such tag
		{id, "", id},
		{"reg.example.com/app:1" + digest, "reg.example.com/app:1", "reg.example.com/app:1"},          // pinned by the manager
		{"berth-emulator:abc", "berth-emulator:abc", "berth-emulator:abc"},                            // not resolved
		{"reg.example.com/app:2" + digest, "reg.example.com/app:1", "reg.example.com/app:2" + digest}, // changed by hand: drift
		{"reg.example.com/app:1" + digest, "", "reg.example.com/app:1" + digest},                      // no label: as it runs
		{"reg.example.com/app:1@md5:00", "reg.example.com/app:1", "reg.example.com/app:1@md5:00"},
	} {
		if got := imageAsAsked(tc.running, tc.asked, ids); got != tc.want {
			t.Errorf("imageAsAsked(%q, %q) = %q, want %q", tc.running, tc.asked, got, tc.want)
		}
	}
}
