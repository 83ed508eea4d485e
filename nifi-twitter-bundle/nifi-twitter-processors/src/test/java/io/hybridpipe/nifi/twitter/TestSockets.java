package io.hybridpipe.nifi.twitter;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.function.Consumer;

/** Accept loop and byte copying for the test servers (proxy, TLS front). */
final class TestSockets {
    private TestSockets() {
    }

    /** Serves each accepted connection on a daemon thread of its own until the server socket closes. */
    static void acceptEach(ServerSocket server, String name, Consumer<Socket> handler) {
        Thread acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    daemon(name + "-conn", () -> handler.accept(client)).start();
                } catch (IOException e) {
                    return;
                }
            }
        }, name);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        return t;
    }

    /** Copies until either side closes; how it ended goes to {@code ends} (closing is expected, so it is no error). */
    static void copy(InputStream from, OutputStream to, List<String> ends) {
        byte[] buffer = new byte[16 * 1024];
        try {
            int n;
            while ((n = from.read(buffer)) > 0) {
                to.write(buffer, 0, n);
                to.flush();
            }
        } catch (IOException e) {
            ends.add(e.toString());
        }
    }
}
