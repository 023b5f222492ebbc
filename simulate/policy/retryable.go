package policy

import (
	"slices"

	"github.com/berth-dev/berth/lang"
)

// MaxRetries returns the retries a call may take after its first attempt:
// Attempts − 1 (Attempts 0 means the default of 3 attempts); 0 for nil cfg.
func MaxRetries(cfg *lang.Retry) int {
	if cfg == nil {
		return 0
	}
	if cfg.Attempts <= 0 {
		return 2
	}
	return cfg.Attempts - 1
}

// Retryable reports whether a failure of the given class (lang.RetryOn*)
// may be retried under cfg. A nil cfg retries nothing; an empty On list
// retries every class. "5xx" covers "rejected" too, since a rejection is a
// 503 answer; it does not cover timeouts or refused connections, which get
// no answer at all.
func Retryable(cfg *lang.Retry, class string) bool {
	if cfg == nil {
		return false
	}
	if len(cfg.On) == 0 {
		return true
	}
	if slices.Contains(cfg.On, class) {
		return true
	}
	return class == lang.RetryOnRejected && slices.Contains(cfg.On, lang.RetryOn5xx)
}
