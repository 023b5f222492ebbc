package policy

import (
	"testing"

	"github.com/berth-dev/berth/lang"
)

func TestRetryable(t *testing.T) {
	all := []string{lang.RetryOnTimeout, lang.RetryOnRefused, lang.RetryOnRejected, lang.RetryOn5xx}
	tests := []struct {
		name string
		cfg  *lang.Retry
		want []bool // for the classes of all, in order
	}{
		{"nil", nil, []bool{false, false, false, false}},
		{"default_all", &lang.Retry{}, []bool{true, true, true, true}},
		{"timeout_only", &lang.Retry{On: []string{"timeout"}}, []bool{true, false, false, false}},
		{"5xx_covers_rejected", &lang.Retry{On: []string{"5xx"}}, []bool{false, false, true, true}},
		{"refused_rejected", &lang.Retry{On: []string{"refused", "rejected"}}, []bool{false, true, true, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for i, c := range all {
				if got := Retryable(tt.cfg, c); got != tt.want[i] {
					t.Errorf("Retryable(%q) = %v, want %v", c, got, tt.want[i])
				}
			}
		})
	}
}

func TestMaxRetries(t *testing.T) {
	tests := []struct {
		cfg  *lang.Retry
		want int
	}{
		{nil, 0},
		{&lang.Retry{}, 2},
		{&lang.Retry{Attempts: 1}, 0},
		{&lang.Retry{Attempts: 4}, 3},
	}
	for _, tt := range tests {
		if got := MaxRetries(tt.cfg); got != tt.want {
			t.Errorf("MaxRetries(%+v) = %d, want %d", tt.cfg, got, tt.want)
		}
	}
}
