package numfmt

import "testing"

func TestBytes(t *testing.T) {
	for _, tc := range []struct {
		n    int64
		want string
	}{
		{268435456, "256MiB"},
		{512 << 20, "512MiB"},
		{1 << 30, "1GiB"},
		{1536 << 20, "1536MiB"},
		{6 << 40, "6TiB"},
		{3 << 10, "3KiB"},
		{1000, "1000B"},
		{100000000, "100000000B"},
		{0, "0B"},
	} {
		if got := Bytes(tc.n); got != tc.want {
			t.Errorf("Bytes(%d) = %q, want %q", tc.n, got, tc.want)
		}
	}
}
