package io.hybridpipe.embedded.x;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the X API v2 emulator (a test double of X) standalone until Ctrl-C. */
@Command(name = "x-emulator", mixinStandardHelpOptions = true,
        description = "A test double of the X API v2 streaming endpoints on 127.0.0.1 (not X itself).")
public final class XApiEmulatorMain implements Callable<Integer> {

    /** Not a secret: the well-known token of the double. A token given with --token is never printed. */
    static final String DEFAULT_TOKEN = "emulator-test-token";

    @Option(names = "--port", description = "Port on 127.0.0.1 (0 = any free port). Default: ${DEFAULT-VALUE}.")
    int port = 8080;

    @Option(names = "--rate", description = "Posts per second to generate (0 = none). Default: ${DEFAULT-VALUE}.")
    double rate = 10;

    @Option(names = "--seed", description = "Generator seed. Default: ${DEFAULT-VALUE}.")
    long seed = 42;

    @Option(names = "--token", description = "Bearer token clients must send. Default: ${DEFAULT-VALUE}.")
    String token = DEFAULT_TOKEN;

    @Option(names = "--keep-alive-seconds", description = "Keep-alive interval. Default: ${DEFAULT-VALUE}.")
    int keepAliveSeconds = 20;

    @Option(names = "--replay", description = "NDJSON file whose lines are sent to every stream that connects,"
            + " at --rate lines per second (all at once if --rate is 0).")
    Path replay;

    public static void main(String[] args) {
        System.exit(new CommandLine(new XApiEmulatorMain()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        XApiEmulator emulator = start(System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            emulator.close();
            stopped.countDown();
        }, "x-emulator-shutdown"));
        stopped.await();
        return 0;
    }

    /** Builds and starts the emulator the options describe and prints how to reach it. */
    XApiEmulator start(PrintStream out) {
        XApiEmulator emulator = XApiEmulator.builder()
                .port(port)
                .bearerToken(token)
                .seed(seed)
                .ratePerSecond(replay == null ? rate : 0)
                .keepAliveInterval(Duration.ofSeconds(keepAliveSeconds))
                .recordSentTweetIds(false)
                .build()
                .start();
        out.println("X API v2 emulator (a test double, not X) listening on " + emulator.baseUrl());
        String shownToken = token.equals(DEFAULT_TOKEN) ? token : "<your --token>";
        out.println("Try: curl -N -H 'Authorization: Bearer " + shownToken + "' '" + emulator.baseUrl()
                + "/2/tweets/sample/stream?tweet.fields=created_at,lang,author_id&expansions=author_id'");
        out.println("Ctrl-C stops it.");
        if (replay != null) {
            Thread pacer = new Thread(new ReplayPacer(emulator, replay, rate, out), "x-emulator-replay");
            pacer.setDaemon(true);
            pacer.start();
        }
        return emulator;
    }
}
