package io.hybridpipe.embedded.postgres;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Date;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

import io.zonky.test.db.postgres.embedded.PgBinaryResolver;

/**
 * PostgreSQL refuses to run as root, and these machines and CI run as root. zonky runs
 * {@code bin/initdb} and {@code bin/pg_ctl} from the archive its resolver returns, so this resolver
 * returns a tiny archive whose two entries are shell wrappers that drop to {@code nobody} with
 * {@code setpriv} and exec the real binaries unpacked by {@link PostgresBinaries}. (zonky's own
 * {@code unshare -U} fallback needs user namespaces, which containers often forbid.)
 */
final class RunAsNobodyBinaryResolver implements PgBinaryResolver {

    static final int NOBODY_UID = 65534;
    static final int NOBODY_GID = 65534;

    private final Path realBinaries;

    RunAsNobodyBinaryResolver(Path realBinaries) {
        this.realBinaries = realBinaries;
    }

    @Override
    public InputStream getPgBinary(String system, String machineHardware) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(
                    new XZOutputStream(bytes, new LZMA2Options(1)))) {
                addWrapper(tar, "initdb");
                addWrapper(tar, "pg_ctl");
            }
            return new ByteArrayInputStream(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("could not build the run-as-nobody wrapper archive", e);
        }
    }

    private void addWrapper(TarArchiveOutputStream tar, String binary) throws IOException {
        // zonky itself prefixes "unshare -U" when user namespaces work; then we are no longer uid 0
        // and setpriv would fail, so only drop privileges when still root.
        String real = "'" + realBinaries.resolve("bin").resolve(binary) + "'";
        String script = "#!/bin/sh\n"
                + "if [ \"$(id -u)\" = 0 ]; then\n"
                + "  exec setpriv --reuid=" + NOBODY_UID + " --regid=" + NOBODY_GID + " --clear-groups " + real + " \"$@\"\n"
                + "fi\n"
                + "exec " + real + " \"$@\"\n";
        byte[] content = script.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry("bin/" + binary);
        entry.setSize(content.length);
        entry.setMode(0100755);
        entry.setModTime(new Date(0)); // stable bytes, so zonky reuses its unpack directory
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    // zonky caches unpacked archives per resolver instance (equals/hashCode), keyed here by the target
    @Override
    public boolean equals(Object o) {
        return o instanceof RunAsNobodyBinaryResolver other && other.realBinaries.equals(realBinaries);
    }

    @Override
    public int hashCode() {
        return realBinaries.hashCode();
    }
}
