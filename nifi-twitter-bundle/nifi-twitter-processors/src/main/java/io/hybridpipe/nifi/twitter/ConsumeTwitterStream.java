package io.hybridpipe.nifi.twitter;

import io.hybridpipe.core.ingest.IngestHeaders;
import io.hybridpipe.core.reconnect.BackoffSettings;
import io.hybridpipe.core.stream.StreamMessage;
import io.hybridpipe.core.stream.TweetMessage;
import org.apache.nifi.annotation.behavior.InputRequirement;
import org.apache.nifi.annotation.behavior.PrimaryNodeOnly;
import org.apache.nifi.annotation.behavior.Stateful;
import org.apache.nifi.annotation.behavior.TriggerSerially;
import org.apache.nifi.annotation.behavior.WritesAttribute;
import org.apache.nifi.annotation.behavior.WritesAttributes;
import org.apache.nifi.annotation.documentation.CapabilityDescription;
import org.apache.nifi.annotation.documentation.Tags;
import org.apache.nifi.annotation.lifecycle.OnScheduled;
import org.apache.nifi.annotation.lifecycle.OnStopped;
import org.apache.nifi.annotation.lifecycle.OnUnscheduled;
import org.apache.nifi.annotation.notification.OnPrimaryNodeStateChange;
import org.apache.nifi.annotation.notification.PrimaryNodeState;
import org.apache.nifi.components.PropertyDescriptor;
import org.apache.nifi.components.ValidationContext;
import org.apache.nifi.components.ValidationResult;
import org.apache.nifi.components.state.Scope;
import org.apache.nifi.processor.AbstractSessionFactoryProcessor;
import org.apache.nifi.processor.ProcessContext;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.ProcessSessionFactory;
import org.apache.nifi.processor.Relationship;
import org.apache.nifi.processor.exception.ProcessException;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

@Tags({"x", "twitter", "tweets", "stream", "social media", "filtered stream", "sample stream", "api v2", "ndjson"})
@CapabilityDescription("Reads the X (Twitter) API v2 filtered or sample stream and emits the posts in batches, one"
        + " FlowFile of newline-delimited JSON per batch with each message exactly as received. A dedicated thread"
        + " reads the socket into a bounded queue; it reconnects following X's documented back-off per failure class"
        + " (network linear, HTTP exponential, 429 exponential and never before x-rate-limit-reset), de-duplicates"
        + " posts by id across reconnects and backfill, and keeps trying with bulletins when X is unreachable."
        + " Optionally maintains the app's filtered-stream rules. Error messages sent in the stream, unknown"
        + " messages and malformed lines go to 'errors' verbatim. On stop, every message already received is emitted.")
@InputRequirement(InputRequirement.Requirement.INPUT_FORBIDDEN)
@PrimaryNodeOnly
@TriggerSerially
@Stateful(scopes = Scope.LOCAL, description = "Recent stream health for operators (View State): last tweet id,"
        + " last connection time, connection count, failures per class, last failure and retry delay, rate-limit"
        + " remaining, duplicates skipped, queue-full waits, last rule synchronisation. Not used to resume.")
@WritesAttributes({
        @WritesAttribute(attribute = "mime.type", description = "application/x-ndjson on success; application/json or"
                + " application/octet-stream on errors"),
        @WritesAttribute(attribute = "filename", description = "tweets-<first id>-<last id>-<count>.ndjson"),
        @WritesAttribute(attribute = BatchAttributes.TWEET_COUNT, description = "Number of tweets (lines) in the FlowFile"),
        @WritesAttribute(attribute = BatchAttributes.FIRST_ID, description = "Id of the first tweet in the FlowFile"),
        @WritesAttribute(attribute = BatchAttributes.LAST_ID, description = "Id of the last tweet in the FlowFile"),
        @WritesAttribute(attribute = BatchAttributes.CREATED_AT_MIN, description = "Earliest data.created_at in the batch"),
        @WritesAttribute(attribute = BatchAttributes.CREATED_AT_MAX, description = "Latest data.created_at in the batch"),
        @WritesAttribute(attribute = IngestHeaders.RULE_TAGS, description = "JSON array of the distinct matching rule tags"),
        @WritesAttribute(attribute = IngestHeaders.INGESTED_AT, description = "When the batch was emitted (ISO-8601 UTC)"),
        @WritesAttribute(attribute = BatchAttributes.RATE_LIMIT_REMAINING, description = "x-rate-limit-remaining of the"
                + " current connection, when X sent it"),
        @WritesAttribute(attribute = BatchAttributes.STREAM, description = "filtered or sample"),
        @WritesAttribute(attribute = ErrorAttributes.MESSAGE_TYPE, description = "On errors: stream-error, unknown,"
                + " malformed or oversized"),
        @WritesAttribute(attribute = ErrorAttributes.ERROR_TYPE, description = "On errors: X's error type, e.g."
                + " operational-disconnect or TooManyConnections"),
        @WritesAttribute(attribute = ErrorAttributes.ERROR_TITLE, description = "On errors: X's error title"),
        @WritesAttribute(attribute = ErrorAttributes.ERROR_DETAIL, description = "On errors: X's error detail"),
        @WritesAttribute(attribute = ErrorAttributes.REASON, description = "On errors: why the line is not a tweet")
})
public class ConsumeTwitterStream extends AbstractSessionFactoryProcessor {

    static final Relationship REL_SUCCESS = new Relationship.Builder().name("success")
            .description("Batches of tweets, one raw JSON message per line").build();
    static final Relationship REL_ERRORS = new Relationship.Builder().name("errors")
            .description("Error messages X sent in the stream, messages of unknown kind and malformed or oversized"
                    + " lines, one per FlowFile, verbatim").build();

    static final String COUNTER_TWEETS = "Tweets emitted";
    static final String COUNTER_ERRORS = "Error messages emitted";
    static final String COUNTER_DUPLICATES = "Duplicate tweets skipped";
    static final String COUNTER_QUEUE_FULL = "Queue full waits";
    static final String COUNTER_CONNECTIONS = "Connections opened";

    private static final long IDLE_POLL_MILLIS = 100;
    private static final Duration STATE_PUBLISH_INTERVAL = Duration.ofSeconds(1);

    private final BackoffSettings backoff;
    private final AtomicReference<ProcessSessionFactory> sessionFactory = new AtomicReference<>();
    private volatile StreamRun run;
    private volatile Instant lastStatePublished = Instant.EPOCH;

    public ConsumeTwitterStream() {
        this(BackoffSettings.defaults());
    }

    /** For tests: the same processor with scaled back-off (production uses X's documented values). */
    ConsumeTwitterStream(BackoffSettings backoff) {
        this.backoff = backoff;
    }

    @Override
    protected List<PropertyDescriptor> getSupportedPropertyDescriptors() {
        return StreamProperties.ALL;
    }

    @Override
    public Set<Relationship> getRelationships() {
        return Set.of(REL_SUCCESS, REL_ERRORS);
    }

    @Override
    protected Collection<ValidationResult> customValidate(ValidationContext context) {
        return new StreamConfigValidator(context).validate();
    }

    @OnScheduled
    public void onScheduled(ProcessContext context) {
        // The reader starts in the first onTrigger, not here: @OnScheduled also runs on non-primary nodes of a
        // cluster, and X allows a single connection per app.
        run = new StreamRun(StreamRunSettings.from(context, backoff), getLogger());
    }

    @Override
    public void onTrigger(ProcessContext context, ProcessSessionFactory factory) throws ProcessException {
        sessionFactory.set(factory);
        StreamRun current = run;
        current.ensureReading(context);
        try {
            current.pull(IDLE_POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        emit(factory, current, Instant.now(), false);
        publishStateAtMostEverySecond(context, current);
    }

    @OnUnscheduled
    public void onUnscheduled() {
        StreamRun current = run;
        if (current != null) {
            current.stopReading();
        }
    }

    /** Emits everything the reader received before it stopped, then records the final state. */
    @OnStopped
    public void onStopped(ProcessContext context) {
        StreamRun current = run;
        if (current == null) {
            return;
        }
        stopAndEmitEverything(current);
        publishState(context, current);
        run = null;
    }

    @OnPrimaryNodeStateChange
    public void onPrimaryNodeStateChange(PrimaryNodeState state) {
        StreamRun current = run;
        if (state == PrimaryNodeState.PRIMARY_NODE_REVOKED && current != null) {
            // the new primary node opens the app's single connection; this node will not be triggered any more,
            // so what it received is emitted now
            getLogger().info("No longer the primary node: closing the X stream connection");
            stopAndEmitEverything(current);
        }
    }

    /** The reader stops first, so that nothing arrives after the last FlowFile (as ListenHTTP does, with the session factory of the last trigger). */
    private void stopAndEmitEverything(StreamRun current) {
        current.stopReading();
        current.drainAll();
        ProcessSessionFactory factory = sessionFactory.get();
        if (factory != null && current.hasPending()) {
            getLogger().info("Emitting the {} tweet(s) and {} error message(s) received before the stream stopped",
                    current.pendingTweets(), current.pendingErrors());
            try {
                emit(factory, current, Instant.now(), true);
            } catch (RuntimeException e) {
                getLogger().error("Could not emit the {} tweet(s) and {} error message(s) received before the stream"
                        + " stopped", current.pendingTweets(), current.pendingErrors(), e);
            }
        }
    }

    private void emit(ProcessSessionFactory factory, StreamRun current, Instant now, boolean everything) {
        List<List<TweetMessage>> batches = current.takeBatches(now, everything);
        List<StreamMessage> errors = current.takeErrors();
        if (batches.isEmpty() && errors.isEmpty() && !current.countersChanged()) {
            return;
        }
        ProcessSession session = factory.createSession();
        try {
            FlowFileWriter writer = new FlowFileWriter(session, current.settings().endpointValue());
            long tweets = 0;
            for (List<TweetMessage> batch : batches) {
                writer.writeBatch(batch, current.rateLimitRemaining(), now, REL_SUCCESS);
                tweets += batch.size();
            }
            for (StreamMessage error : errors) {
                writer.writeError(error, REL_ERRORS);
            }
            current.adjustCounters(session, tweets, errors.size());
        } catch (RuntimeException e) {
            session.rollback();
            current.restore(batches, errors, now);
            throw e;
        }
        session.commitAsync(() -> { }, failure -> {
            current.restore(batches, errors, Instant.now());
            if (everything) {
                getLogger().error("Could not commit the {} batch(es) and {} error message(s) received before stopping;"
                        + " they are not emitted", batches.size(), errors.size(), failure);
            } else {
                getLogger().warn("Commit failed; the {} batch(es) and {} error message(s) are kept and emitted again",
                        batches.size(), errors.size(), failure);
            }
        });
    }

    private void publishStateAtMostEverySecond(ProcessContext context, StreamRun current) {
        Instant now = Instant.now();
        if (Duration.between(lastStatePublished, now).compareTo(STATE_PUBLISH_INTERVAL) >= 0) {
            lastStatePublished = now;
            publishState(context, current);
        }
    }

    private void publishState(ProcessContext context, StreamRun current) {
        try {
            context.getStateManager().setState(current.stats().asState(), Scope.LOCAL);
        } catch (IOException e) {
            getLogger().warn("Could not record the stream state (View State stays stale)", e);
        }
    }

    /** The stream's stats, for tests. */
    StreamStats stats() {
        StreamRun current = run;
        return current == null ? null : current.stats();
    }

}
