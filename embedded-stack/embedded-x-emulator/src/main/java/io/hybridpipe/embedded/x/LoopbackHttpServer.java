package io.hybridpipe.embedded.x;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small HTTP/1.1 server on 127.0.0.1: one thread accepts, one thread per connection handles it. Plain
 * sockets rather than {@code com.sun.net.httpserver}, because the emulator must stall, cut and drop streams
 * at the byte level.
 */
final class LoopbackHttpServer implements AutoCloseable {

    private final int requestedPort;
    private final ConnectionHandler handler;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threadNumber = new AtomicInteger();
    private ServerSocket serverSocket;
    private Thread acceptor;
    private volatile boolean running;

    /** Serves one accepted connection; the server closes the socket afterwards. */
    interface ConnectionHandler {
        void handle(Socket socket) throws IOException;
    }

    LoopbackHttpServer(int port, ConnectionHandler handler) {
        this.requestedPort = port;
        this.handler = handler;
    }

    synchronized void start() throws IOException {
        if (serverSocket != null) {
            throw new IllegalStateException("already started");
        }
        serverSocket = new ServerSocket();
        serverSocket.setReuseAddress(true);
        serverSocket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 128);
        running = true;
        acceptor = new Thread(this::acceptLoop, "x-emulator-accept-" + serverSocket.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        if (serverSocket == null) {
            throw new IllegalStateException("not started");
        }
        return serverSocket.getLocalPort();
    }

    private void acceptLoop() {
        while (running) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (running) {
                    System.err.println("x-emulator: accept failed, stopping: " + e);
                }
                return;
            }
            open.add(socket);
            Thread worker = new Thread(() -> serve(socket), "x-emulator-conn-" + threadNumber.incrementAndGet());
            worker.setDaemon(true);
            worker.start();
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            handler.handle(socket);
        } catch (IOException e) {
            if (running) {
                System.err.println("x-emulator: connection ended with " + e);
            }
        } finally {
            open.remove(socket);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        running = false;
        if (serverSocket != null) {
            serverSocket.close();
        }
        for (Socket socket : open) {
            socket.close();
        }
        if (acceptor != null) {
            try {
                acceptor.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
