package io.hybridpipe.nifi.hive;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.lifecycle.OnScheduled;
import org.apache.nifi.annotation.lifecycle.OnStopped;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.flowfile.attributes.CoreAttributes;
import org.apache.nifi.processor.AbstractProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.exception.ProcessException;

import io.hybridpipe.core.ddl.DdlGenerator;
import io.hybridpipe.core.ddl.SqlDialect;
import io.hybridpipe.core.ingest.IngestHeaders;
import io.hybridpipe.core.partition.PartitionPath;

@Tags({"hive", "hdfs", "hadoop", "parquet", "put", "landing", "tweets", "x", "twitter", "ndjson", "immutable"})
@CapabilityDescription("Lands newline-delimited X (Twitter) API v2 messages as Parquet in the dt=YYYY-MM-DD/hr=HH"
        + " partition folders of a Hive external table on HDFS and registers them over HiveServer2 JDBC. Each line is"
        + " normalised into the canonical tweet record. Files are written under a hidden temporary name and then"
        + " renamed, and their names are derived from the FlowFile's content, so a redelivered FlowFile rewrites"
        + " nothing and adds no duplicate row. The table is created if missing, new columns of the canonical schema"
        + " are added, and new partitions are added with ADD IF NOT EXISTS. Lines that are not tweets go to 'invalid'"
        + " with their reason while the good lines of the same FlowFile land; HDFS or Hive failures send the FlowFile"
        + " to 'retry', and a retry only registers what an earlier attempt already landed.")
@InputRequirement(InputRequirement.Requirement.INPUT_REQUIRED)
@WritesAttributes({
        @WritesAttribute(attribute = LandingAttributes.TARGET_PATHS, description = "Comma-separated paths of the"
                + " Parquet files holding this FlowFile's rows"),
        @WritesAttribute(attribute = LandingAttributes.PARTITIONS, description = "Comma-separated partitions, e.g."
                + " dt=2026-11-28/hr=07"),
        @WritesAttribute(attribute = LandingAttributes.ROWS_WRITTEN, description = "Rows (tweets) landed from this"
                + " FlowFile"),
        @WritesAttribute(attribute = LandingAttributes.ROWS_INVALID, description = "Lines routed to 'invalid'"),
        @WritesAttribute(attribute = LandingAttributes.FILES_ALREADY_LANDED, description = "Files an earlier"
                + " delivery of the same content had already landed (left unchanged)"),
        @WritesAttribute(attribute = LandingAttributes.RETRY_REASON, description = "On 'retry': what failed"),
        @WritesAttribute(attribute = "mime.type", description = "On 'invalid': application/x-ndjson")
})
public class PutHiveLanding extends AbstractProcessor {

    static final Relationship REL_SUCCESS = new Relationship.Builder().name("success")
            .description("The FlowFile once all its tweets are on HDFS and registered in Hive").build();
    static final Relationship REL_RETRY = new Relationship.Builder().name("retry")
            .description("HDFS or HiveServer2 failed; the FlowFile is penalised. Loop it back: a retry rewrites nothing"
                    + " already landed and only registers it").build();
    static final Relationship REL_INVALID = new Relationship.Builder().name("invalid")
            .description("Lines that are not tweets (malformed JSON, stream error messages, missing data.id or"
                    + " data.created_at), as NDJSON objects with line_number, reason and line").build();

    private static final Set<Relationship> RELATIONSHIPS = Set.of(REL_SUCCESS, REL_RETRY, REL_INVALID);

    private final BatchReader reader = new BatchReader();
    private volatile Landing landing;

    /** What a scheduled processor holds; replaced on every schedule. */
    private record Landing(HadoopAccess hadoop, ParquetLandingWriter writer, ExecutorService writers,
                           HiveRegistrar registrar, String tableLocation, int maxRowsPerFile) {
    }

    @Override
    public Set<Relationship> getRelationships() {
        return RELATIONSHIPS;
    }

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return LandingProperties.ALL;
    }

    @Override
    protected Collection<ValidationResult> customValidate(ValidationContext context) {
        List<ValidationResult> results = new ArrayList<>();
        boolean principal = context.getProperty(LandingProperties.KERBEROS_PRINCIPAL).isSet();
        boolean keytab = context.getProperty(LandingProperties.KERBEROS_KEYTAB).isSet();
        if (principal != keytab) {
            results.add(new ValidationResult.Builder().subject("Kerberos").valid(false)
                    .explanation("Kerberos Principal and Kerberos Keytab must be set together").build());
        }
        String location = tableLocation(context.getProperty(LandingProperties.TABLE_LOCATION)
                .evaluateAttributeExpressions().getValue());
        String database = context.getProperty(LandingProperties.DATABASE).evaluateAttributeExpressions().getValue();
        String table = context.getProperty(LandingProperties.TABLE).evaluateAttributeExpressions().getValue();
        if (location != null && database != null && table != null) {
            try {
                DdlGenerator.createTable(SqlDialect.HIVE, database, table, Optional.of(location));
            } catch (IllegalArgumentException e) {
                results.add(new ValidationResult.Builder().subject("Hive Database, Hive Table, Table Location")
                        .valid(false).explanation(e.getMessage()).build());
            }
        }
        return results;
    }

    @OnScheduled
    public void onScheduled(ProcessContext context) throws IOException {
        String location = tableLocation(context.getProperty(LandingProperties.TABLE_LOCATION)
                .evaluateAttributeExpressions().getValue());
        List<String> resources = context.getProperty(LandingProperties.HADOOP_CONFIGURATION_RESOURCES)
                .evaluateAttributeExpressions().asResources().asLocations();
        HadoopAccess hadoop = HadoopAccess.open(resources,
                context.getProperty(LandingProperties.KERBEROS_PRINCIPAL).evaluateAttributeExpressions().getValue(),
                context.getProperty(LandingProperties.KERBEROS_KEYTAB).evaluateAttributeExpressions().getValue(),
                URI.create(location));
        ParquetCompression compression = ParquetCompression.valueOf(
                context.getProperty(LandingProperties.COMPRESSION).getValue());
        HiveRegistrar registrar = new HiveRegistrar(new HiveRegistrar.Settings(
                context.getProperty(LandingProperties.JDBC_URL).evaluateAttributeExpressions().getValue(),
                context.getProperty(LandingProperties.HIVE_USER).evaluateAttributeExpressions().getValue(),
                context.getProperty(LandingProperties.HIVE_PASSWORD).getValue(),
                context.getProperty(LandingProperties.DATABASE).evaluateAttributeExpressions().getValue(),
                context.getProperty(LandingProperties.TABLE).evaluateAttributeExpressions().getValue(),
                location));
        try {
            registrar.prepare();
        } catch (SQLException | RuntimeException e) {
            // not fatal: data can still land on HDFS, and every FlowFile registers (and checks the table) again
            getLogger().warn("HiveServer2 not reachable while scheduling ({}); the table is checked when the first FlowFile lands",
                    e.toString());
        }
        landing = new Landing(hadoop, new ParquetLandingWriter(hadoop.fileSystem(), compression),
                parquetWriterThreads(context.getMaxConcurrentTasks()), registrar, location,
                context.getProperty(LandingProperties.MAX_ROWS_PER_FILE).asInteger());
    }

    @OnStopped
    public void onStopped() throws IOException {
        Landing current = landing;
        landing = null;
        if (current != null) {
            // every onTrigger has returned, and each waits for its writer: the threads are idle
            current.writers().shutdown();
            current.registrar().close();
            current.hadoop().close();
        }
    }

    @Override
    public void onTrigger(ProcessContext context, ProcessSession session) throws ProcessException {
        FlowFile flowFile = session.get();
        if (flowFile == null) {
            return;
        }
        Landing current = landing;
        byte[] contentSha256;
        try (InputStream in = session.read(flowFile)) {
            contentSha256 = BatchReader.contentSha256(in);
        } catch (IOException e) {
            throw new ProcessException("cannot read the content of " + flowFile, e);
        }
        LandingPipeline pipeline = new LandingPipeline(current.writers(), current.hadoop(),
                new PartitionFiles(current.writer(), current.tableLocation(), contentSha256, current.maxRowsPerFile()));
        InvalidLines invalid;
        PartitionFiles.Landed landed;
        try {
            invalid = readInto(pipeline, session, flowFile);
            landed = pipeline.finish();
        } catch (LandingPipeline.WriteFailedException e) {
            retry(session, flowFile, "HDFS: " + e.getCause());
            return;
        }
        try {
            current.hadoop().run(() -> {
                current.registrar().register(landed.partitions());
                return null;
            });
        } catch (IOException | SQLException | RuntimeException e) {
            retry(session, flowFile, "Hive: " + e);
            return;
        }
        routeInvalid(session, flowFile, invalid);
        Map<String, String> attributes = Map.of(
                LandingAttributes.TARGET_PATHS, String.join(",", landed.targetPaths()),
                LandingAttributes.PARTITIONS, landed.partitions().stream().map(PartitionPath::path)
                        .collect(Collectors.joining(",")),
                LandingAttributes.ROWS_WRITTEN, Integer.toString(landed.rows()),
                LandingAttributes.ROWS_INVALID, Integer.toString(invalid.count()),
                LandingAttributes.FILES_ALREADY_LANDED, Integer.toString(landed.alreadyLanded()));
        session.transfer(session.putAllAttributes(flowFile, attributes), REL_SUCCESS);
        session.adjustCounter("Rows landed", landed.rows(), false);
    }

    /** Reads and normalises the content on this thread while the pipeline's writer lands it. */
    private InvalidLines readInto(LandingPipeline pipeline, ProcessSession session, FlowFile flowFile)
            throws LandingPipeline.WriteFailedException {
        boolean read = false;
        try (InputStream in = session.read(flowFile)) {
            InvalidLines invalid = reader.read(in, ingestedAt(flowFile), pipeline::add);
            read = true;
            return invalid;
        } catch (IOException e) {
            throw new ProcessException("cannot read the content of " + flowFile, e);
        } finally {
            if (!read) {
                pipeline.abort();
            }
        }
    }

    /** One Parquet writer thread per concurrent task: each task hands its FlowFile's records to one writer. */
    private static ExecutorService parquetWriterThreads(int concurrentTasks) {
        AtomicInteger number = new AtomicInteger();
        return Executors.newFixedThreadPool(Math.max(1, concurrentTasks), task -> {
            Thread thread = new Thread(task, "PutHiveLanding Parquet writer " + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    private static void routeInvalid(ProcessSession session, FlowFile original, InvalidLines invalid) {
        if (invalid.count() == 0) {
            return;
        }
        FlowFile child = session.create(original);
        child = session.write(child, out -> out.write(invalid.toNdjson()));
        child = session.putAttribute(child, CoreAttributes.MIME_TYPE.key(), "application/x-ndjson");
        child = session.putAttribute(child, LandingAttributes.ROWS_INVALID, Integer.toString(invalid.count()));
        session.transfer(child, REL_INVALID);
    }

    private void retry(ProcessSession session, FlowFile flowFile, String reason) {
        getLogger().warn("Routing {} to retry: {}", flowFile, reason);
        FlowFile penalized = session.penalize(session.putAttribute(flowFile, LandingAttributes.RETRY_REASON, reason));
        session.transfer(penalized, REL_RETRY);
    }

    /** The ingest time the producer recorded, else when the FlowFile's lineage began: stable across retries. */
    private static Instant ingestedAt(FlowFile flowFile) {
        String recorded = flowFile.getAttribute(IngestHeaders.INGESTED_AT);
        if (recorded != null) {
            try {
                return Instant.parse(recorded);
            } catch (DateTimeParseException e) {
                return Instant.ofEpochMilli(flowFile.getLineageStartDate());
            }
        }
        return Instant.ofEpochMilli(flowFile.getLineageStartDate());
    }

    private static String tableLocation(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
