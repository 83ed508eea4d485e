package io.hybridpipe.spark.reconcile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code reconcile.json}: the whole report, for scripts and dashboards. */
public final class ReportJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReportJson() {
    }

    public static String render(ReconcileReport report) {
        ObjectNode root = JSON.createObjectNode();
        root.put("run_id", report.runId());
        root.put("range", report.range());
        root.put("cloud", ReportTable.sides(report));
        root.put("started_at", report.startedAt().toString());
        root.put("millis", report.millis());
        root.put("matches", report.matches());
        ArrayNode partitions = root.putArray("partitions");
        for (PartitionReport p : report.partitions()) {
            ObjectNode o = partitions.addObject();
            o.put("partition", p.partition());
            o.put("hive_registered", p.hiveRegistered());
            o.put("raw", p.raw());
            o.put("s3", p.s3());
            o.put("warehouse", p.warehouse());
            o.put(IdComparison.MISSING_IN_S3, p.missingInS3());
            o.put(IdComparison.MISSING_IN_WAREHOUSE, p.missingInWarehouse());
            o.put(IdComparison.NOT_IN_RAW, p.notInRaw());
            o.put(IdComparison.DUPLICATED_IN_S3, p.duplicatedInS3());
            o.put(IdComparison.DUPLICATED_IN_WAREHOUSE, p.duplicatedInWarehouse());
            o.put("matches", p.matches());
            ObjectNode samples = o.putObject("sample_ids");
            p.samples().forEach((kind, ids) -> ids.forEach(samples.withArray(kind)::add));
        }
        report.rawInputs().forEach(root.putArray("raw_inputs")::add);
        report.s3Inputs().forEach(root.putArray("s3_inputs")::add);
        report.repair().ifPresent(r -> {
            ObjectNode o = root.putObject("repair");
            o.put("target", r.target().name());
            o.put("tweets", r.tweets());
            o.put("manifest", r.manifest());
            o.put("merged_rows", r.mergedRows());
            o.put("already_loaded", r.alreadyLoaded());
            o.put("millis", r.millis());
            r.files().forEach(o.putArray("files")::add);
        });
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of plain values is always serialisable", e);
        }
    }
}
