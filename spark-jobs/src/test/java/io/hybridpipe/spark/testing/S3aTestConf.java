package io.hybridpipe.spark.testing;

import java.util.Map;

import org.apache.hadoop.conf.Configuration;

import io.hybridpipe.embedded.s3.EmbeddedS3;

/** Hadoop/Spark settings that point S3A at the embedded S3Proxy. */
public final class S3aTestConf {

    private S3aTestConf() {
    }

    public static Configuration hadoop(EmbeddedS3 s3) {
        Configuration conf = new Configuration();
        s3.s3aSettings().forEach(conf::set);
        conf.set("fs.s3a.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
        // each test class has its own proxy and port: no FileSystem cached across them
        conf.setBoolean("fs.s3a.impl.disable.cache", true);
        return conf;
    }

    public static Map<String, String> sparkConf(EmbeddedS3 s3) {
        Map<String, String> spark = new java.util.TreeMap<>();
        s3.s3aSettings().forEach((k, v) -> spark.put("spark.hadoop." + k, v));
        spark.put("spark.hadoop.fs.s3a.impl.disable.cache", "true");
        return spark;
    }
}
