package io.hybridpipe.local.observe;

/**
 * One stage at one sample.
 *
 * @param records       records (Kafka) or rows (tables) counted so far, repeats included
 * @param distinct      distinct tweet ids seen so far; -1 where a stage is only counted while running (tables)
 * @param ratePerSecond records per second over the last {@code StagePoller.RATE_WINDOW} (10 s)
 * @param lag           records not yet read: for Kafka the consumer-side lag (end offsets - position), for the aws
 *                      replica also the source end offsets minus the target's; for tables, emitted - rows (floored
 *                      at 0)
 * @param lastError     the last probe failure if the latest poll failed, else null
 */
public record StageStatus(long records, long distinct, double ratePerSecond, long lag, String lastError) {

    public boolean healthy() {
        return lastError == null;
    }
}
