// Package hist is a streaming log-linear histogram of non-negative int64
// nanosecond values, in the manner of HdrHistogram: values below 128 ns have
// a bucket each; above, every power of two is split into 64 equal buckets.
// A bucket's width is at most 1/64 of its lower bound, and quantiles are
// reported at the bucket's midpoint, so a quantile is within 1/128 (0.78 %)
// of the exact order statistic. The histogram covers the whole int64 range
// (about 292 years) in a fixed 3712 counters (29 KiB); Record is O(1) and
// never allocates. Count, Min, Max, Sum and Mean are exact.
//
// A Histogram is not safe for concurrent use.
package hist
