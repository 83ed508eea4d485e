package io.hybridpipe.nifi.hive;

import java.io.IOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.net.URI;
import java.security.PrivilegedExceptionAction;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.UserGroupInformation;

/**
 * The Hadoop side of the processor: a configuration from the user's resource files, an optional Kerberos login
 * from principal and keytab, and the file system of the table location, used as that user.
 */
final class HadoopAccess implements AutoCloseable {

    private final UserGroupInformation user;
    private final FileSystem fs;

    private HadoopAccess(UserGroupInformation user, FileSystem fs) {
        this.user = user;
        this.fs = fs;
    }

    static HadoopAccess open(List<String> resourceFiles, String principal, String keytab, URI tableLocation)
            throws IOException {
        // new Configuration(): the class loader of this NAR, so core-default.xml and the codecs resolve here
        Configuration conf = new Configuration();
        for (String file : resourceFiles) {
            conf.addResource(new Path(file));
        }
        pollCloseSooner(conf);
        UserGroupInformation user;
        if (principal != null && keytab != null) {
            conf.set("hadoop.security.authentication", "kerberos");
            UserGroupInformation.setConfiguration(conf);
            user = UserGroupInformation.loginUserFromKeytabAndReturnUGI(principal, keytab);
        } else {
            user = UserGroupInformation.getCurrentUser();
        }
        FileSystem fs = as(user, () -> FileSystem.newInstance(tableLocation, conf));
        return new HadoopAccess(user, fs);
    }

    /**
     * Closing an HDFS file waits until a DataNode has reported the last block to the NameNode; the client polls for
     * that with a delay starting at 400 ms, and the report usually arrives a few milliseconds after the first poll,
     * so every small Parquet file paid 400 ms of sleep (half of the landing time in the benchmark). Poll from 25 ms
     * instead, with more retries so the total time before giving up is no shorter than Hadoop's default (about 12 s).
     * Values set in the Hadoop configuration resources win.
     */
    static void pollCloseSooner(Configuration conf) {
        setUnlessConfigured(conf, CLOSE_POLL_INITIAL_DELAY_MS, "25");
        setUnlessConfigured(conf, CLOSE_POLL_RETRIES, "10");
    }

    static final String CLOSE_POLL_INITIAL_DELAY_MS = "dfs.client.block.write.locateFollowingBlock.initial.delay.ms";
    static final String CLOSE_POLL_RETRIES = "dfs.client.block.write.locateFollowingBlock.retries";

    private static void setUnlessConfigured(Configuration conf, String key, String value) {
        String[] sources = conf.getPropertySources(key);
        boolean onlyDefaults = sources == null
                || Arrays.stream(sources).allMatch(s -> s.endsWith("-default.xml"));
        if (onlyDefaults) {
            conf.set(key, value, "PutHiveLanding");
        }
    }

    FileSystem fileSystem() {
        return fs;
    }

    /** Runs {@code action} as the configured user (the Kerberos principal when one is set). */
    <T> T run(PrivilegedExceptionAction<T> action) throws IOException, SQLException {
        if (user.isFromKeytab()) {
            user.checkTGTAndReloginFromKeytab();
        }
        try {
            return as(user, action);
        } catch (UndeclaredThrowableException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw e;
        }
    }

    private static <T> T as(UserGroupInformation user, PrivilegedExceptionAction<T> action) throws IOException {
        try {
            return user.doAs(action);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while acting as " + user.getUserName(), e);
        }
    }

    @Override
    public void close() throws IOException {
        fs.close();
    }
}
