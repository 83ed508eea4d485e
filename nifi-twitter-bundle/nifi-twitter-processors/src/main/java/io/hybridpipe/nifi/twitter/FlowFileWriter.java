package io.hybridpipe.nifi.twitter;

import io.hybridpipe.core.stream.MalformedLine;
import io.hybridpipe.core.stream.StreamError;
import io.hybridpipe.core.stream.StreamMessage;
import io.hybridpipe.core.stream.TweetMessage;
import io.hybridpipe.core.stream.UnknownMessage;
import org.apache.nifi.flowfile.FlowFile;
import org.apache.nifi.processor.ProcessSession;
import org.apache.nifi.processor.Relationship;

import java.time.Instant;
import java.util.List;

/** Writes batches (NDJSON, bytes as received) and error messages (verbatim) as FlowFiles of one session. */
final class FlowFileWriter {
    private static final byte NEWLINE = '\n';

    private final ProcessSession session;
    private final String stream;

    FlowFileWriter(ProcessSession session, String stream) {
        this.session = session;
        this.stream = stream;
    }

    void writeBatch(List<TweetMessage> batch, Long rateLimitRemaining, Instant now, Relationship relationship) {
        FlowFile flowFile = session.create();
        flowFile = session.write(flowFile, out -> {
            for (TweetMessage tweet : batch) {
                out.write(tweet.raw());
                out.write(NEWLINE);
            }
        });
        flowFile = session.putAllAttributes(flowFile, BatchAttributes.of(batch, stream, rateLimitRemaining, now));
        session.getProvenanceReporter().receive(flowFile, "x-api-v2://" + stream + "-stream",
                "received " + batch.size() + " tweet(s)");
        session.transfer(flowFile, relationship);
    }

    void writeError(StreamMessage message, Relationship relationship) {
        byte[] raw = rawOf(message);
        FlowFile flowFile = session.create();
        flowFile = session.write(flowFile, out -> out.write(raw));
        flowFile = session.putAllAttributes(flowFile, ErrorAttributes.of(message, stream));
        session.getProvenanceReporter().receive(flowFile, "x-api-v2://" + stream + "-stream");
        session.transfer(flowFile, relationship);
    }

    private static byte[] rawOf(StreamMessage message) {
        if (message instanceof StreamError error) {
            return error.raw();
        } else if (message instanceof UnknownMessage unknown) {
            return unknown.raw();
        } else if (message instanceof MalformedLine malformed) {
            return malformed.raw();
        }
        throw new IllegalArgumentException("not an error message: " + message.getClass().getSimpleName());
    }
}
