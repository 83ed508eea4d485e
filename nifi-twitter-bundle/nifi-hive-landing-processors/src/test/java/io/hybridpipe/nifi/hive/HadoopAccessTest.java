package io.hybridpipe.nifi.hive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HadoopAccessTest {

    @Test
    void closePollingStartsSoonerThanHadoopsDefault() {
        Configuration conf = new Configuration();
        conf.addResource("hdfs-default.xml");
        assertEquals(400, conf.getInt(HadoopAccess.CLOSE_POLL_INITIAL_DELAY_MS, -1));

        HadoopAccess.pollCloseSooner(conf);

        assertEquals(25, conf.getInt(HadoopAccess.CLOSE_POLL_INITIAL_DELAY_MS, -1));
        assertEquals(10, conf.getInt(HadoopAccess.CLOSE_POLL_RETRIES, -1));
    }

    @Test
    void valuesFromTheConfigurationResourcesWin(@TempDir Path dir) throws IOException {
        Path site = dir.resolve("hdfs-site.xml");
        Files.writeString(site, "<configuration>"
                + "<property><name>" + HadoopAccess.CLOSE_POLL_INITIAL_DELAY_MS + "</name><value>700</value></property>"
                + "</configuration>");
        Configuration conf = new Configuration();
        conf.addResource(new org.apache.hadoop.fs.Path(site.toString()));

        HadoopAccess.pollCloseSooner(conf);

        assertEquals(700, conf.getInt(HadoopAccess.CLOSE_POLL_INITIAL_DELAY_MS, -1));
        assertEquals(10, conf.getInt(HadoopAccess.CLOSE_POLL_RETRIES, -1));
    }
}
