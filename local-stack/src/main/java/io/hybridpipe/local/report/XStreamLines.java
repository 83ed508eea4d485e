package io.hybridpipe.local.report;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.hybridpipe.embedded.x.ClosedStream;
import io.hybridpipe.embedded.x.XApiEmulator;
import io.hybridpipe.local.observe.VerificationResult;

/**
 * What the X stream delivered, for the demo's output: written, possibly sent, and generated but never written (a
 * stream cut off as a slow reader, or none open while the client reconnected: X loses those tweets too, and so the
 * verification cannot expect them), with why each stream ended.
 */
public final class XStreamLines {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private XStreamLines() {
    }

    /** The tweets the emulator generated that no stream connection was ever written: lost at the source. */
    private static long neverWritten(XApiEmulator x, VerificationResult verification) {
        return Math.max(0, x.generatedTweetCount() - verification.expected() - verification.possiblySent());
    }

    public static String render(XApiEmulator x, VerificationResult verification) {
        long neverWritten = neverWritten(x, verification);
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT,
                "X emulator: %d tweets written to sockets (%d more in writes that failed), %d stream connection attempts; "
                        + "%d of %d generated never written%s%n",
                x.sentTweetCount(), x.possiblySentTweetCount(), x.connectionAttempts().size(),
                neverWritten, x.generatedTweetCount(),
                neverWritten > 0 ? " (lost at the source, as X loses them: see why the streams ended)" : ""));
        for (ClosedStream closed : x.closedStreams()) {
            b.append(String.format(Locale.ROOT, "  stream ended %s UTC: %s; %d queued tweets lost%n",
                    TIME.format(closed.at()), closed.reason(), closed.postsLost()));
        }
        return b.toString();
    }
}
