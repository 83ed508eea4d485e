package io.hybridpipe.nifi.hive;

import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/** The Parquet codecs offered to users; all are pure Java or bundled native code (snappy-java, zstd-jni). */
enum ParquetCompression {
    SNAPPY(CompressionCodecName.SNAPPY),
    ZSTD(CompressionCodecName.ZSTD),
    GZIP(CompressionCodecName.GZIP),
    NONE(CompressionCodecName.UNCOMPRESSED);

    private final CompressionCodecName codec;

    ParquetCompression(CompressionCodecName codec) {
        this.codec = codec;
    }

    CompressionCodecName codec() {
        return codec;
    }
}
