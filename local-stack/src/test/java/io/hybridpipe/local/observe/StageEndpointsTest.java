package io.hybridpipe.local.observe;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StageEndpointsTest {

    @Test
    void printingTheEndpointsNeverPrintsThePassword() {
        StageEndpoints e = new StageEndpoints("127.0.0.1:9092", "tweets", "127.0.0.1:9093", "tweets",
                
                "jdbc:hive2://127.0.0.1:10000/default", "tweets", "hdfs://127.0.0.1:8020/data/raw/tweets",
                "jdbc:postgresql://127.0.0.1:5432/postgres",
                "loader", "s3cr3t-Pa55", "hybridpipe.tweets");

        assertThat(e.toString()).doesNotContain("s3cr3t-Pa55").contains("password ****")
                .contains("127.0.0.1:9093", "hybridpipe.tweets", "loader");
    }
}
