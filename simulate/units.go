package simulate

import "time"

func durationNs(ns int64) time.Duration { return time.Duration(ns) }

// seconds converts ns to seconds.
func seconds(ns int64) float64 { return float64(ns) / 1e9 }
