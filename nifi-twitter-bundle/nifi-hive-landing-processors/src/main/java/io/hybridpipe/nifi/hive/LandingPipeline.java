package io.hybridpipe.nifi.hive;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.avro.generic.GenericRecord;

import io.hybridpipe.core.partition.PartitionPath;
import io.hybridpipe.core.tweet.CanonicalTweet;
import io.hybridpipe.core.tweet.TweetAvro;

/**
 * Overlaps the two halves of landing a FlowFile: the calling thread reads and normalises its lines and builds the
 * Avro records while a writer thread encodes them into Parquet and writes them to HDFS. Records are handed over in
 * chunks through a bounded queue, so at most a few thousand records are in flight; the writer keeps their order, so
 * file contents and names are what a single thread would have produced.
 */
final class LandingPipeline {

    private static final int CHUNK_ROWS = 512;
    private static final int CHUNKS_IN_FLIGHT = 4;
    private static final long POLL_MILLIS = 50;

    private record Row(PartitionPath partition, GenericRecord record) {
    }

    /** Identity-compared end markers, never written. */
    private static final List<Row> END = new ArrayList<>(0);
    private static final List<Row> ABORT = new ArrayList<>(0);

    /** The writer thread failed (HDFS); the cause says why. */
    static final class WriteFailedException extends Exception {
        WriteFailedException(Throwable cause) {
            super(cause);
        }
    }

    private final BlockingQueue<List<Row>> queue = new ArrayBlockingQueue<>(CHUNKS_IN_FLIGHT);
    private final Future<PartitionFiles.Landed> writing;
    private List<Row> chunk = new ArrayList<>(CHUNK_ROWS);

    /** Starts the writer on one of {@code writers}, running as the configured Hadoop user. */
    LandingPipeline(ExecutorService writers, HadoopAccess hadoop, PartitionFiles files) {
        writing = writers.submit(() -> hadoop.run(() -> drain(files)));
    }

    void add(PartitionPath partition, CanonicalTweet tweet) throws WriteFailedException {
        chunk.add(new Row(partition, TweetAvro.toUtf8Record(tweet)));
        if (chunk.size() == CHUNK_ROWS) {
            handOver(chunk);
            chunk = new ArrayList<>(CHUNK_ROWS);
        }
    }

    /** Waits until every file is committed. */
    PartitionFiles.Landed finish() throws WriteFailedException {
        if (!chunk.isEmpty()) {
            handOver(chunk);
        }
        handOver(END);
        return result();
    }

    /** Stops the writer, which gives up its open files; to be called when reading failed. */
    void abort() {
        try {
            queue.clear();
            handOver(ABORT);
            result();
        } catch (WriteFailedException e) {
            // the writer had failed on its own; it gave its files up then, and the reading failure is what is reported
        }
    }

    private void handOver(List<Row> rows) throws WriteFailedException {
        try {
            do {
                if (writing.isDone()) {
                    result(); // the writer stopped early: throws its failure
                    throw new WriteFailedException(new IllegalStateException("the Parquet writer stopped early"));
                }
            } while (!queue.offer(rows, POLL_MILLIS, TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writing.cancel(true);
            throw new WriteFailedException(e);
        }
    }

    private PartitionFiles.Landed result() throws WriteFailedException {
        try {
            return writing.get();
        } catch (ExecutionException e) {
            throw new WriteFailedException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            writing.cancel(true);
            throw new WriteFailedException(e);
        }
    }

    /** The writer thread: writes chunks until the end marker, then commits; gives every open file up on failure. */
    private PartitionFiles.Landed drain(PartitionFiles files) throws IOException, InterruptedException {
        try {
            for (List<Row> rows = queue.take(); rows != END; rows = queue.take()) {
                if (rows == ABORT) {
                    files.abort(new IOException("reading the FlowFile failed"));
                    return null;
                }
                for (Row row : rows) {
                    files.write(row.partition(), row.record());
                }
            }
            return files.commit();
        } catch (IOException | InterruptedException | RuntimeException e) {
            files.abort(e);
            throw e;
        }
    }
}
