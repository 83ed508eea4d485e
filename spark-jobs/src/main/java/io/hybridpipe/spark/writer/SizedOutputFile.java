package io.hybridpipe.spark.writer;

import java.io.IOException;

import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * An output file that remembers how many bytes were written to it when it closed, so the writer knows the object's
 * length (the manifest's {@code content_length}) without asking the store for it again (a HEAD per file on S3).
 */
final class SizedOutputFile implements OutputFile {

    private final OutputFile target;
    private long closedLength = -1;

    SizedOutputFile(OutputFile target) {
        this.target = target;
    }

    /** The length of the closed file. */
    long length() {
        if (closedLength < 0) {
            throw new IllegalStateException(target.getPath() + " is not closed yet");
        }
        return closedLength;
    }

    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
        return new Counting(target.create(blockSizeHint));
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
        return new Counting(target.createOrOverwrite(blockSizeHint));
    }

    @Override
    public boolean supportsBlockSize() {
        return target.supportsBlockSize();
    }

    @Override
    public long defaultBlockSize() {
        return target.defaultBlockSize();
    }

    @Override
    public String getPath() {
        return target.getPath();
    }

    private final class Counting extends PositionOutputStream {
        private final PositionOutputStream out;

        Counting(PositionOutputStream out) {
            this.out = out;
        }

        @Override
        public long getPos() throws IOException {
            return out.getPos();
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        /** The position before close is the whole file: Parquet writes from byte 0 and never seeks back. */
        @Override
        public void close() throws IOException {
            long length = out.getPos();
            out.close();
            closedLength = length;
        }
    }
}
