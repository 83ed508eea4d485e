package io.hybridpipe.nifi.hive;

import java.util.Arrays;
import java.util.List;

import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.resource.ResourceCardinality;
import org.apache.nifi.components.resource.ResourceType;
import org.apache.nifi.expression.ExpressionLanguageScope;
import org.apache.nifi.processor.util.StandardValidators;

/** The properties of {@link PutHiveLanding}. Every environment-specific value is meant to come from a parameter. */
final class LandingProperties {

    static final PropertyDescriptor HADOOP_CONFIGURATION_RESOURCES = new PropertyDescriptor.Builder()
            .name("Hadoop Configuration Resources")
            .description("Comma-separated core-site.xml and hdfs-site.xml files of the cluster. Without them the"
                    + " Hadoop defaults apply and the table location must be a full hdfs:// URI.")
            .required(false)
            .identifiesExternalResource(ResourceCardinality.MULTIPLE, ResourceType.FILE)
            .expressionLanguageSupported(ExpressionLanguageScope.VARIABLE_REGISTRY)
            .build();

    static final PropertyDescriptor KERBEROS_PRINCIPAL = new PropertyDescriptor.Builder()
            .name("Kerberos Principal")
            .description("Principal to log in as, from the keytab, for HDFS and HiveServer2 on a secured cluster"
                    + " (the JDBC URL then carries ';principal=hive/_HOST@REALM'). Leave empty on an unsecured cluster.")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .expressionLanguageSupported(ExpressionLanguageScope.VARIABLE_REGISTRY)
            .build();

    static final PropertyDescriptor KERBEROS_KEYTAB = new PropertyDescriptor.Builder()
            .name("Kerberos Keytab")
            .description("Keytab file of the Kerberos principal; required when a principal is set.")
            .required(false)
            .identifiesExternalResource(ResourceCardinality.SINGLE, ResourceType.FILE)
            .expressionLanguageSupported(ExpressionLanguageScope.VARIABLE_REGISTRY)
            .build();

    static final PropertyDescriptor TABLE_LOCATION = new PropertyDescriptor.Builder()
            .name("Table Location")
            .description("Folder of the Hive external table, e.g. hdfs://namenode:8020/data/raw/tweets; partitions"
                    + " are written below it as dt=YYYY-MM-DD/hr=HH.")
            .required(true)
            .addValidator(StandardValidators.URI_VALIDATOR)
            .expressionLanguageSupported(ExpressionLanguageScope.VARIABLE_REGISTRY)
            .build();

    static final PropertyDescriptor JDBC_URL = new PropertyDescriptor.Builder()
            .name("HiveServer2 JDBC URL")
            .description("e.g. jdbc:hive2://hiveserver:10000/default")
            .required(true)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .expressionLanguageSupported(ExpressionLanguageScope.VARIABLE_REGISTRY)
            .build();

    static final PropertyDescriptor HIVE_USER = new PropertyDescriptor.Builder()
            .name("Hive User")
            .description("User for HiveServer2 (unsecured or LDAP authentication).")
            .required(false)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .expressionLanguageSupported(ExpressionLanguageScope.VARIABLE_REGISTRY)
            .build();

    static final PropertyDescriptor HIVE_PASSWORD = new PropertyDescriptor.Builder()
            .name("Hive Password")
            .description("Password of the Hive user.")
            .required(false)
            .sensitive(true)
            .addValidator(StandardValidators.NON_EMPTY_VALIDATOR)
            .build();

    static final PropertyDescriptor DATABASE = new PropertyDescriptor.Builder()
            .name("Hive Database")
            .description("Database of the table: letters, digits and underscores.")
            .required(true)
            .defaultValue("default")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .expressionLanguageSupported(ExpressionLanguageScope.VARIABLE_REGISTRY)
            .build();

    static final PropertyDescriptor TABLE = new PropertyDescriptor.Builder()
            .name("Hive Table")
            .description("The external table, created with the canonical tweet schema if it does not exist: letters,"
                    + " digits and underscores.")
            .required(true)
            .defaultValue("tweets_raw")
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .expressionLanguageSupported(ExpressionLanguageScope.VARIABLE_REGISTRY)
            .build();

    static final PropertyDescriptor COMPRESSION = new PropertyDescriptor.Builder()
            .name("Compression")
            .description("Parquet compression codec.")
            .required(true)
            .allowableValues(Arrays.stream(ParquetCompression.values()).map(Enum::name).toArray(String[]::new))
            .defaultValue(ParquetCompression.SNAPPY.name())
            .build();

    static final PropertyDescriptor MAX_ROWS_PER_FILE = new PropertyDescriptor.Builder()
            .name("Max Rows Per File")
            .description("A partition's rows from one FlowFile are split into files of at most this many rows."
                    + " Changing it changes the names of files written from then on.")
            .required(true)
            .defaultValue("1000000")
            .addValidator(StandardValidators.POSITIVE_INTEGER_VALIDATOR)
            .build();

    static final List<PropertyDescriptor> ALL = List.of(HADOOP_CONFIGURATION_RESOURCES, KERBEROS_PRINCIPAL,
            KERBEROS_KEYTAB, TABLE_LOCATION, JDBC_URL, HIVE_USER, HIVE_PASSWORD, DATABASE, TABLE, COMPRESSION,
            MAX_ROWS_PER_FILE);

    private LandingProperties() {
    }
}
