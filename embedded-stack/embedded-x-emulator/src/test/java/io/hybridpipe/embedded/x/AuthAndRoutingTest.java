package io.hybridpipe.embedded.x;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthAndRoutingTest {

    private XApiEmulator x;

    @BeforeEach
    void start() {
        x = XApiEmulator.builder().port(0).bearerToken("t").build().start();
    }

    @AfterEach
    void stop() {
        x.close();
    }

    @Test
    void everyEndpointAnswers401WithoutTheRightBearerToken() throws Exception {
        for (String path : List.of("/2/tweets/search/stream", "/2/tweets/sample/stream", "/2/tweets/search/stream/rules")) {
            for (String token : new String[] {null, "wrong"}) {
                HttpResponse<String> response = Http.get(x, path, token);
                assertThat(response.statusCode()).as(path + " with token " + token).isEqualTo(401);
                JsonNode body = Http.json(response.body());
                assertThat(body.path("title").asText()).isEqualTo("Unauthorized");
                assertThat(body.path("status").asInt()).isEqualTo(401);
            }
        }
        assertThat(x.connectionAttempts()).hasSize(6).allMatch(a -> a.status() == 401);
        assertThat(x.activeConnections()).isZero();
    }

    @Test
    void streamWithRightTokenIsChunkedJson() throws Exception {
        try (RawStreamClient stream = RawStreamClient.open(x, "/2/tweets/sample/stream", "t")) {
            assertThat(stream.status).isEqualTo(200);
            assertThat(stream.headers.get("transfer-encoding")).isEqualTo("chunked");
            assertThat(stream.headers.get("content-type")).startsWith("application/json");
        }
        assertThat(x.connectionAttempts()).extracting(ConnectionAttempt::path, ConnectionAttempt::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("/2/tweets/sample/stream", 200));
    }

    @Test
    void unknownPathsAndMethodsAreRefused() {
        assertThat(Http.get(x, "/2/tweets/firehose", "t").statusCode()).isEqualTo(404);
        assertThat(Http.post(x, "/2/tweets/sample/stream", "{}", "t").statusCode()).isEqualTo(405);
    }

    @Test
    void unknownFieldValuesAndOutOfRangeBackfillAre400LikeX() {
        HttpResponse<String> badField = Http.get(x, "/2/tweets/sample/stream?tweet.fields=created_at,shoe_size", "t");
        assertThat(badField.statusCode()).isEqualTo(400);
        JsonNode body = Http.json(badField.body());
        assertThat(body.path("title").asText()).isEqualTo("Invalid Request");
        assertThat(body.path("errors").get(0).path("message").asText()).contains("shoe_size");

        HttpResponse<String> badBackfill = Http.get(x, "/2/tweets/search/stream?backfill_minutes=9", "t");
        assertThat(badBackfill.statusCode()).isEqualTo(400);
        assertThat(Http.json(badBackfill.body()).path("errors").get(0).path("parameters").path("backfill_minutes")
                .get(0).asText()).isEqualTo("9");
        assertThat(x.activeConnections()).isZero();
    }

    @Test
    void baseUrlAndPortDescribeTheLoopbackListener() {
        assertThat(x.port()).isPositive();
        assertThat(x.baseUrl()).isEqualTo("http://127.0.0.1:" + x.port());
    }

    @Test
    void bytesThatAreNotAnHttpRequestGet400AndAreLogged() throws Exception {
        for (String garbage : List.of("HELLO\r\n\r\n", "GET /2/tweets/sample/stream?x=%zz HTTP/1.1\r\n\r\n")) {
            try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), x.port())) {
                socket.getOutputStream().write(garbage.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(answer).startsWith("HTTP/1.1 400 ").contains("Invalid Request");
            }
        }
        assertThat(x.connectionAttempts()).extracting(ConnectionAttempt::path, ConnectionAttempt::status)
                .containsOnly(org.assertj.core.groups.Tuple.tuple("(malformed)", 400));
    }
}
