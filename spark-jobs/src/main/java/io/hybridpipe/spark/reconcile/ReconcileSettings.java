package io.hybridpipe.spark.reconcile;

import java.io.Serializable;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

import io.hybridpipe.spark.config.JobSettings;
import io.hybridpipe.spark.warehouse.WarehouseTable;

/**
 * The reconcile job's view of the {@code hybridpipe.*} settings it shares with the streaming job (storage base,
 * warehouse) plus its own: the raw layer ({@code hybridpipe.raw.location}), Hive ({@code hybridpipe.hive.*}) and the
 * on-prem Kafka cluster a repair publishes to ({@code hybridpipe.onprem.kafka.*}, producer extras under
 * {@code hybridpipe.onprem.kafka.producer.}). Passwords come from environment variables named by settings.
 */
public record ReconcileSettings(JobSettings settings) implements Serializable {

    private static final Pattern HIVE_IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    public String rawLocation() {
        return settings.required("hybridpipe.raw.location");
    }

    public String storageBase() {
        return settings.required("hybridpipe.storage.base");
    }

    public String hiveJdbcUrl() {
        return settings.required("hybridpipe.hive.jdbc-url");
    }

    public String hiveTable() {
        return identifier(settings.get("hybridpipe.hive.database", "default")) + "."
                + identifier(settings.get("hybridpipe.hive.table", "tweets"));
    }

    public Properties hiveConnectionProperties() {
        return credentials(settings.get("hybridpipe.hive.user", "hybridpipe"),
                settings.get("hybridpipe.hive.password-env", "HYBRIDPIPE_HIVE_PASSWORD"));
    }

    public String warehouseJdbcUrl() {
        return settings.required("hybridpipe.warehouse.jdbc-url");
    }

    public WarehouseTable warehouseTable() {
        return new WarehouseTable(settings.get("hybridpipe.warehouse.schema", "public"),
                settings.get("hybridpipe.warehouse.table", "tweets"));
    }

    /** user, password (from the environment, if set) and the driver class Spark's executors load. */
    public Properties warehouseConnectionProperties() {
        Properties p = credentials(settings.get("hybridpipe.warehouse.user", "hybridpipe"),
                settings.get("hybridpipe.warehouse.password-env", "HYBRIDPIPE_WAREHOUSE_PASSWORD"));
        String url = warehouseJdbcUrl().toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:postgresql:")) {
            p.setProperty("driver", "org.postgresql.Driver");
        } else if (url.startsWith("jdbc:redshift:")) {
            p.setProperty("driver", "com.amazon.redshift.jdbc42.Driver");
        }
        p.setProperty("fetchsize", settings.get("hybridpipe.reconcile.jdbc-fetch-size", "10000"));
        return p;
    }

    public String onpremBootstrapServers() {
        return settings.required("hybridpipe.onprem.kafka.bootstrap.servers");
    }

    public String onpremTopic() {
        return settings.get("hybridpipe.onprem.kafka.topic", "tweets");
    }

    public Map<String, String> producerExtras() {
        return settings.withPrefix("hybridpipe.onprem.kafka.producer.");
    }

    private static Properties credentials(String user, String passwordEnv) {
        Properties p = new Properties();
        p.setProperty("user", user);
        String password = System.getenv(passwordEnv);
        if (password != null) {
            p.setProperty("password", password);
        }
        return p;
    }

    private static String identifier(String name) {
        if (!HIVE_IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("Hive database and table names must be letters, digits and underscores, was '"
                    + name + "'");
        }
        return name;
    }
}
