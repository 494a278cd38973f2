package io.payguard.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Loopback port checks: free before a server starts (so the error can name the knob), accepting once it runs. */
public final class Ports {

  private Ports() {
  }

  public static void requireFree(int port, String envVar) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
    } catch (IOException e) {
      throw new IllegalStateException("port " + port + " is already in use; choose another with " + envVar);
    }
  }

  /** Whether something accepts TCP connections on the loopback port. */
  public static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  /**
   * A free port below the ephemeral range (a TIME-WAIT socket there can block a later bind), free on every
   * address: a container engine publishes ports on all of them, so a listener on any address takes it.
   */
  public static int free() {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = 20000 + (int) (Math.random() * 12000);
      try (ServerSocket socket = new ServerSocket(port, 1)) {
        return port;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IllegalStateException("no free port found between 20000 and 32000");
  }
}
