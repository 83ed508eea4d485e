package io.hybridpipe.local.observe;

/**
 * How often one stage was actually polled: the resolution of its latencies is the interval between two polls, which
 * is the configured poll interval unless a poll took longer than that.
 *
 * @param polls              polls made
 * @param failures           polls that failed
 * @param meanIntervalMillis mean time from the start of one poll to the start of the next
 * @param maxIntervalMillis  the longest such time
 * @param meanPollMillis     mean time a poll took
 */
public record PollStats(long polls, long failures, long meanIntervalMillis, long maxIntervalMillis,
                        long meanPollMillis) {
}
