package io.payguard.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Checks that a port is free before a server is started on it, so the error names the knob. */
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

  /** A free port below the ephemeral range (a TIME-WAIT socket there can block a later bind). */
  public static int free() {
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = 20000 + (int) (Math.random() * 12000);
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        return port;
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IllegalStateException("no free port found between 20000 and 32000");
  }
}
