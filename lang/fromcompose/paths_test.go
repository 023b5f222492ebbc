package fromcompose

import "testing"

// A bind's source is written relative to the spec when it is a file of
// the project, and absolute when it is the host's (the engine's socket,
// the clock), which a relative path would tie to where the spec is.
func TestNearProject(t *testing.T) {
	tests := []struct {
		wd, path string
		want     bool
	}{
		{"/home/u/proj", "/home/u/proj/conf/nginx.conf", true},
		{"/home/u/proj", "/home/u/proj", true},
		{"/home/u/proj", "/home/u/shared/data", true}, // ../shared
		{"/home/u/proj", "/var/run/docker.sock", false},
		{"/home/u/proj", "/etc/localtime", false},
		{"/tmp/app", "/tmp/.X11-unix", false},
		{"/srv/app", "/srv/app-data", false},
		{"/", "/var/run/docker.sock", true},
	}
	for _, tt := range tests {
		if got := nearProject(tt.wd, tt.path); got != tt.want {
			t.Errorf("nearProject(%q, %q) = %v, want %v", tt.wd, tt.path, got, tt.want)
		}
	}
}
