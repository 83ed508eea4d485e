package io.hybridpipe.local.observe;

/**
 * What one poll of a stage found.
 *
 * @param records   records or rows, repeats included
 * @param distinct  distinct ids, or -1 when the probe does not track them while running (tables)
 * @param available records the stage holds, read or not: {@code records} plus the probe's own consumer lag
 */
record ProbeReading(long records, long distinct, long available) {
}
