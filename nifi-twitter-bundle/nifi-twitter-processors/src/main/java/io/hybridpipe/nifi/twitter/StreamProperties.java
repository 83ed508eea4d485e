package io.hybridpipe.nifi.twitter;

import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.Validator;
import org.apache.nifi.processor.util.StandardValidators;
import org.apache.nifi.proxy.ProxyConfigurationService;
import org.apache.nifi.ssl.SSLContextService;

import java.util.List;
import java.util.regex.Pattern;

/** The property descriptors of {@link ConsumeTwitterStream}; names are part of the flow contract. */
final class StreamProperties {
    static final String DEFAULT_TWEET_FIELDS = "attachments,author_id,conversation_id,created_at,entities,geo,"
            + "in_reply_to_user_id,lang,possibly_sensitive,public_metrics,referenced_tweets,reply_settings,source";
    static final String DEFAULT_EXPANSIONS = "author_id,entities.mentions.username,in_reply_to_user_id,"
            + "referenced_tweets.id,referenced_tweets.id.author_id";
    static final String DEFAULT_USER_FIELDS = "created_at,description,location,name,protected,public_metrics,username,verified";

    private static final Pattern FIELD_LIST = Pattern.compile("[a-z_.]+(,[a-z_.]+)*");

    static final PropertyDescriptor STREAM_ENDPOINT = new PropertyDescriptor.Builder()
            .name("stream-endpoint").displayName("Stream")
            .description("Which X API v2 stream to read.")
            .required(true)
            .allowableValues(StreamEndpoint.FILTERED.allowableValue(), StreamEndpoint.SAMPLE.allowableValue())
            .defaultValue(StreamEndpoint.FILTERED.allowableValue().getValue())
            .build();

    static final PropertyDescriptor BASE_URL = new PropertyDescriptor.Builder()
            .name("base-url").displayName("Base URL")
            .description("Scheme, host and port of the X API. Change it only to go through an API gateway or to"
                    + " point at a test double; the stream and rules paths are appended to it.")
            .required(true)
            .defaultValue("https://api.x.com")
            .addValidator(StandardValidators.URL_VALIDATOR)
            .build();

    static final PropertyDescriptor BEARER_TOKEN = new PropertyDescriptor.Builder()
            .name("bearer-token").displayName("Bearer Token")
            .description("The App-only Bearer Token of the X app (developer portal > Projects & Apps > Keys and"
                    + " tokens). Use a sensitive Parameter; it is sent only in the Authorization header.")
            .required(true)
            .sensitive(true)
            .addValidator(StandardValidators.NON_BLANK_VALIDATOR)
            .build();

    static final PropertyDescriptor STREAM_RULES = new PropertyDescriptor.Builder()
            .name("stream-rules").displayName("Stream Rules")
            .description("Filtered-stream rules to maintain, one per line as 'tag: rule value' (the first ':'"
                    + " separates the tag; the value uses X's rule syntax and may itself contain ':'). Blank lines"
                    + " and lines starting with '#' are ignored. Example: 'nifi-en: (apache nifi OR #nifi) lang:en'."
                    + " Applied according to 'Rule Sync Strategy' before the first connection.")
            .required(false)
            .addValidator(StreamProperties::validateRules)
            .build();

    static final PropertyDescriptor RULE_SYNC_STRATEGY = new PropertyDescriptor.Builder()
            .name("rule-sync-strategy").displayName("Rule Sync Strategy")
            .description("What to do with the app's filtered-stream rules on X before connecting.")
            .required(true)
            .allowableValues(RuleSyncStrategy.LEAVE_AS_IS.allowableValue(), RuleSyncStrategy.ADD_MISSING.allowableValue(),
                    RuleSyncStrategy.EXACT.allowableValue())
            .defaultValue(RuleSyncStrategy.ADD_MISSING.allowableValue().getValue())
            .build();

    static final PropertyDescriptor TWEET_FIELDS = fieldList("tweet-fields", "Tweet Fields", "tweet.fields", DEFAULT_TWEET_FIELDS,
            "The defaults fill every column of HybridPipe's canonical tweet record.");

    static final PropertyDescriptor EXPANSIONS = fieldList("expansions", "Expansions", "expansions", DEFAULT_EXPANSIONS,
            "The defaults bring the author (and mentioned, replied-to and referenced users) into 'includes'.");

    static final PropertyDescriptor USER_FIELDS = fieldList("user-fields", "User Fields", "user.fields", DEFAULT_USER_FIELDS,
            "The defaults fill the author columns of the canonical tweet record.");

    static final PropertyDescriptor BACKFILL_MINUTES = new PropertyDescriptor.Builder()
            .name("backfill-minutes").displayName("Backfill Minutes")
            .description("Minutes of posts (0-5) X replays after each reconnect to cover the gap; replayed posts"
                    + " that were already received are removed by id. Needs Enterprise or Pro access; 0 disables.")
            .required(true)
            .defaultValue("0")
            .addValidator(StandardValidators.createLongValidator(0, 5, true))
            .build();

    static final PropertyDescriptor BATCH_SIZE = new PropertyDescriptor.Builder()
            .name("batch-size").displayName("Batch Size")
            .description("Maximum number of tweets per FlowFile. A FlowFile is emitted as soon as this many tweets"
                    + " are waiting or the oldest waited 'Max Batch Latency'.")
            .required(true)
            .defaultValue("1000")
            .addValidator(StandardValidators.createLongValidator(1, 1_000_000, true))
            .build();

    static final PropertyDescriptor MAX_BATCH_LATENCY = new PropertyDescriptor.Builder()
            .name("max-batch-latency").displayName("Max Batch Latency")
            .description("Longest time a received tweet waits for its batch to fill; a quiet stream still emits"
                    + " a (smaller) batch after this time.")
            .required(true)
            .defaultValue("1 sec")
            .addValidator(StandardValidators.createTimePeriodValidator(1, java.util.concurrent.TimeUnit.MILLISECONDS,
                    1, java.util.concurrent.TimeUnit.HOURS))
            .build();

    static final PropertyDescriptor QUEUE_CAPACITY = new PropertyDescriptor.Builder()
            .name("queue-capacity").displayName("Queue Capacity")
            .description("Messages the reader thread may hold while onTrigger catches up. When it is full the"
                    + " reader waits (a bulletin and the 'Queue full waits' counter say so); nothing is dropped,"
                    + " but X drops a connection it cannot write to for long. Memory use is bounded by this value.")
            .required(true)
            .defaultValue("10000")
            .addValidator(StandardValidators.createLongValidator(1, 10_000_000, true))
            .build();

    static final PropertyDescriptor CONNECT_TIMEOUT = new PropertyDescriptor.Builder()
            .name("connect-timeout").displayName("Connect Timeout")
            .description("Longest wait to open a connection to the X API (TCP, TLS and the response head).")
            .required(true)
            .defaultValue("10 secs")
            .addValidator(StandardValidators.createTimePeriodValidator(1, java.util.concurrent.TimeUnit.MILLISECONDS,
                    10, java.util.concurrent.TimeUnit.MINUTES))
            .build();

    static final PropertyDescriptor STALL_TIMEOUT = new PropertyDescriptor.Builder()
            .name("stall-timeout").displayName("Stall Timeout")
            .description("Read timeout: when neither data nor a keep-alive arrives for this long the stream is"
                    + " considered stalled and the processor reconnects. X sends a keep-alive every 20 s, so keep"
                    + " it above 20 s (the default adds a 10 s margin).")
            .required(true)
            .defaultValue("30 secs")
            .addValidator(StandardValidators.createTimePeriodValidator(1, java.util.concurrent.TimeUnit.MILLISECONDS,
                    10, java.util.concurrent.TimeUnit.MINUTES))
            .build();

    static final PropertyDescriptor MAX_MESSAGE_SIZE = new PropertyDescriptor.Builder()
            .name("max-message-size").displayName("Max Message Size")
            .description("Longest stream line kept whole. A longer line is read to its end and routed to 'errors'"
                    + " (type 'oversized') with its first bytes up to this size.")
            .required(true)
            .defaultValue("1 MB")
            .addValidator(StandardValidators.createDataSizeBoundsValidator(1024, Integer.MAX_VALUE - 16))
            .build();

    static final PropertyDescriptor DEDUP_WINDOW = new PropertyDescriptor.Builder()
            .name("dedup-window").displayName("De-duplication Window")
            .description("How many recent tweet ids are remembered to drop repeats caused by reconnects and backfill.")
            .required(true)
            .defaultValue("100000")
            .addValidator(StandardValidators.createLongValidator(1, 10_000_000, true))
            .build();

    static final PropertyDescriptor SSL_CONTEXT_SERVICE = new PropertyDescriptor.Builder()
            .name("ssl-context-service").displayName("SSL Context Service")
            .description("TLS settings (trust store, e.g. a corporate CA that re-signs api.x.com) for HTTPS;"
                    + " without it the JVM's default trust store is used.")
            .required(false)
            .identifiesControllerService(SSLContextService.class)
            .build();

    static final PropertyDescriptor PROXY_CONFIGURATION_SERVICE = new PropertyDescriptor.Builder()
            .name("proxy-configuration-service").displayName("Proxy Configuration Service")
            .description("HTTP or SOCKS proxy (with optional user name and password) to reach the X API.")
            .required(false)
            .identifiesControllerService(ProxyConfigurationService.class)
            .build();

    static final List<PropertyDescriptor> ALL = List.of(STREAM_ENDPOINT, BASE_URL, BEARER_TOKEN, STREAM_RULES,
            RULE_SYNC_STRATEGY, TWEET_FIELDS, EXPANSIONS, USER_FIELDS, BACKFILL_MINUTES, BATCH_SIZE, MAX_BATCH_LATENCY,
            QUEUE_CAPACITY, CONNECT_TIMEOUT, STALL_TIMEOUT, MAX_MESSAGE_SIZE, DEDUP_WINDOW, SSL_CONTEXT_SERVICE,
            PROXY_CONFIGURATION_SERVICE);

    private StreamProperties() {
    }

    private static PropertyDescriptor fieldList(String name, String displayName, String parameter, String defaultValue,
                                                String why) {
        Validator validator = (subject, input, context) -> new ValidationResult.Builder().subject(subject).input(input)
                .valid(input != null && FIELD_LIST.matcher(input).matches())
                .explanation("write the " + parameter + " names separated by commas without spaces, e.g. '"
                        + defaultValue.substring(0, defaultValue.indexOf(',')) + ",lang'")
                .build();
        return new PropertyDescriptor.Builder()
                .name(name).displayName(displayName)
                .description("Comma-separated value of the '" + parameter + "' query parameter. " + why)
                .required(true)
                .defaultValue(defaultValue)
                .addValidator(validator)
                .build();
    }

    private static ValidationResult validateRules(String subject, String input, org.apache.nifi.components.ValidationContext context) {
        try {
            StreamRules.parse(input);
            return new ValidationResult.Builder().subject(subject).input("(rules)").valid(true).build();
        } catch (IllegalArgumentException e) {
            return new ValidationResult.Builder().subject(subject).input("(rules)").valid(false)
                    .explanation(e.getMessage()).build();
        }
    }
}
