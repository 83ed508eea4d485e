package io.hybridpipe.spark.config;

import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Every setting of the streaming jobs, from one properties file with {@code --conf spark.hybridpipe.*}
 * overrides (spark-submit forwards only {@code spark.*} keys). Secrets are never settings: S3 credentials
 * come from the AWS default provider chain / instance role, the warehouse password from the environment
 * variable named by {@code hybridpipe.warehouse.password-env}.
 */
public final class JobSettings implements Serializable {

    private static final long serialVersionUID = 1L;
    public static final String PREFIX = "hybridpipe.";
    public static final String SPARK_OVERRIDE_PREFIX = "spark.hybridpipe.";

    private final Map<String, String> values;

    private JobSettings(Map<String, String> values) {
        this.values = new TreeMap<>(values);
    }

    public static JobSettings of(Map<String, String> values) {
        return new JobSettings(values);
    }

    /** The file's {@code hybridpipe.*} keys, then {@code spark.hybridpipe.*} overrides from the Spark conf. */
    public static JobSettings load(Path propertiesFile, Map<String, String> sparkConf) {
        Properties file = new Properties();
        try (Reader in = Files.newBufferedReader(propertiesFile)) {
            file.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read settings file " + propertiesFile + ": " + e.getMessage(), e);
        }
        Map<String, String> merged = new TreeMap<>();
        file.stringPropertyNames().forEach(k -> merged.put(k, file.getProperty(k).trim()));
        sparkConf.forEach((k, v) -> {
            if (k.startsWith(SPARK_OVERRIDE_PREFIX)) {
                merged.put(k.substring("spark.".length()), v.trim());
            }
        });
        return new JobSettings(merged);
    }

    public String required(String key) {
        String v = values.get(key);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("missing setting " + key);
        }
        return v;
    }

    public String get(String key, String defaultValue) {
        String v = values.get(key);
        return v == null || v.isEmpty() ? defaultValue : v;
    }

    public long getLong(String key, long defaultValue) {
        String v = values.get(key);
        if (v == null || v.isEmpty()) {
            return defaultValue;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + " must be a whole number, was '" + v + "'", e);
        }
    }

    public Duration getDuration(String key, Duration defaultValue) {
        String v = values.get(key);
        if (v == null || v.isEmpty()) {
            return defaultValue;
        }
        String s = v.toLowerCase(Locale.ROOT);
        try {
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            if (s.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(s.substring(0, s.length() - 1)));
            }
            if (s.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(s.substring(0, s.length() - 1)));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting " + key + " must be like 500ms, 10s or 2m, was '" + v + "'", e);
        }
        throw new IllegalArgumentException("setting " + key + " must be like 500ms, 10s or 2m, was '" + v + "'");
    }

    /** Keys under {@code prefix}, with the prefix removed (e.g. extra Kafka consumer properties). */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> out = new TreeMap<>();
        values.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
    }

    public JobSettings with(String key, String value) {
        Map<String, String> copy = new TreeMap<>(values);
        copy.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
        return new JobSettings(copy);
    }

    /** Key names only: values may be endpoints or role ARNs and never need to reach a log. */
    @Override
    public String toString() {
        return "JobSettings" + values.keySet();
    }
}
