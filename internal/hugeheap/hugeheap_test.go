package hugeheap

import "testing"

func TestDisabled(t *testing.T) {
	tests := []struct {
		godebug string
		want    bool
	}{
		{"", false},
		{"disablethp=1", true},
		{"madvdontneed=1, disablethp=1", true},
		{"disablethp=0", false},
		{"disablethp=1,disablethp=0", false},
		{"xdisablethp=1", false},
	}
	for _, tt := range tests {
		if got := disabled(tt.godebug); got != tt.want {
			t.Errorf("disabled(%q) = %v, want %v", tt.godebug, got, tt.want)
		}
	}
}

func TestForSource(t *testing.T) {
	env := func(godebug string) func(string) string {
		return func(k string) string {
			if k == "GODEBUG" {
				return godebug
			}
			return ""
		}
	}
	defer allowed.Store(false)
	Allow(env("disablethp=1"))
	if ForSource(1 << 20) {
		t.Error("ForSource advised huge pages with GODEBUG=disablethp=1")
	}
	Allow(env(""))
	if ForSource(MinSource - 1) {
		t.Error("ForSource advised huge pages for a spec below MinSource")
	}
}

func TestSizeFor(t *testing.T) {
	tests := []struct {
		source int64
		want   int
	}{
		{MinSource, minSize},
		{1 << 20, 1 << 20 * perSourceByte},
		{100 << 20, maxSize},
	}
	for _, tt := range tests {
		if got := sizeFor(tt.source); got != tt.want {
			t.Errorf("sizeFor(%d) = %d, want %d", tt.source, got, tt.want)
		}
	}
}
