package io.hybridpipe.mirror.check;

/** What mirror-check keeps of a record it read: where it was, when it was written, and its content digest. */
record SampledRecord(long offset, long timestamp, String digest) {
}
