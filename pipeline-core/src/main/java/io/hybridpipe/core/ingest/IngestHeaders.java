package io.hybridpipe.core.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.type.CollectionType;

import java.time.Instant;
import java.util.List;

/**
 * Names of the Kafka record headers and NiFi FlowFile attributes that carry ingest metadata beside the raw tweet,
 * and their value encodings (UTF-8 text): {@link #INGESTED_AT} is an ISO-8601 UTC instant; {@link #RULE_TAGS} is a
 * JSON array of strings, because a rule tag may itself contain commas.
 */
public final class IngestHeaders {
    public static final String INGESTED_AT = "hybridpipe.ingested-at";
    public static final String RULE_TAGS = "hybridpipe.rule-tags";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final CollectionType STRING_LIST = JSON.getTypeFactory().constructCollectionType(List.class, String.class);

    private IngestHeaders() {
    }

    public static String encodeIngestedAt(Instant ingestedAt) {
        return ingestedAt.toString();
    }

    public static Instant decodeIngestedAt(String value) {
        return Instant.parse(value);
    }

    public static String encodeRuleTags(List<String> tags) {
        try {
            return JSON.writeValueAsString(tags);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings is always serialisable", e);
        }
    }

    /** @throws IllegalArgumentException when the value is not a JSON array of strings */
    public static List<String> decodeRuleTags(String value) {
        try {
            return List.copyOf(JSON.<List<String>>readValue(value, STRING_LIST));
        } catch (JsonProcessingException | NullPointerException e) {
            throw new IllegalArgumentException("header " + RULE_TAGS + " is not a JSON array of strings: " + value, e);
        }
    }
}
