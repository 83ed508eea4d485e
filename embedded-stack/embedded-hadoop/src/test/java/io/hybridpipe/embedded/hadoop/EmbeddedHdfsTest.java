package io.hybridpipe.embedded.hadoop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedHdfsTest {

    @TempDir
    Path dir;

    @Test
    void writesReadsAndKeepsDataAcrossRestart() throws IOException {
        try (EmbeddedHdfs hdfs = EmbeddedHdfs.start(dir.resolve("dfs"))) {
            org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path("/landing/a.txt");
            try (FileSystem fs = FileSystem.newInstance(hdfs.hdfsUri(), hdfs.clientConfiguration())) {
                try (OutputStream out = fs.create(file)) {
                    out.write("hello hdfs".getBytes(StandardCharsets.UTF_8));
                }
            }
            String uriBefore = hdfs.hdfsUri().toString();

            hdfs.stop();
            assertThat(hdfs.isRunning()).isFalse();
            try (FileSystem fs = FileSystem.newInstance(hdfs.hdfsUri(), hdfs.clientConfiguration())) {
                assertThatThrownBy(() -> fs.exists(file)).isInstanceOf(IOException.class);
            }

            hdfs.restart();
            assertThat(hdfs.isRunning()).isTrue();
            assertThat(hdfs.hdfsUri()).hasToString(uriBefore);
            try (FileSystem fs = FileSystem.newInstance(hdfs.hdfsUri(), hdfs.clientConfiguration());
                 InputStream in = fs.open(file)) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello hdfs");
            }
        }
    }

    @Test
    void clientConfigurationFileLoadsIntoAHadoopConfiguration() {
        try (EmbeddedHdfs hdfs = EmbeddedHdfs.start(dir.resolve("dfs2"))) {
            Path site = hdfs.writeClientConfiguration(dir.resolve("conf/core-site.xml"));
            assertThat(Files.exists(site)).isTrue();
            Configuration loaded = new Configuration(false);
            loaded.addResource(new org.apache.hadoop.fs.Path(site.toUri()));
            assertThat(loaded.get("fs.defaultFS")).isEqualTo(hdfs.hdfsUri().toString());
        }
    }
}
