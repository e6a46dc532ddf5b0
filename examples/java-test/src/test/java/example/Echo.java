package example;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** The code under test: a line echo server and its client, knowing nothing of nslab. */
final class Echo {
    private Echo() {
    }

    /** Answers every line of every connection with the same line, until the socket is closed. */
    static void serve(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket s = server.accept();
                 BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream()));
                 PrintWriter out = new PrintWriter(s.getOutputStream(), true)) {
                for (String line; (line = in.readLine()) != null; ) {
                    out.println(line);
                }
            } catch (IOException closed) {
                // the server was closed, or the client went away
            }
        }
    }

    /** Sends one line and returns the answer; fails after {@code timeoutMillis} without one. */
    static String call(InetAddress host, int port, String line, int timeoutMillis) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            new PrintWriter(s.getOutputStream(), true).println(line);
            return new BufferedReader(new InputStreamReader(s.getInputStream())).readLine();
        }
    }
}
