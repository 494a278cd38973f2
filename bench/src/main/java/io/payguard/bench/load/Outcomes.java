package io.payguard.bench.load;

import java.util.concurrent.TimeoutException;

/** Names what happened to one request, as the key it is counted under: the HTTP status or the failure kind. */
public final class Outcomes {

  public static final String TIMEOUT = "timeout";

  private Outcomes() {
  }

  public static String of(int status) {
    return String.valueOf(status);
  }

  /** A request that got no HTTP status: timed out, or the connection was refused, reset or closed. */
  public static String of(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      // Vert.x reports its request timeout as a TimeoutException subclass (NoStackTraceTimeoutException).
      if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
        return TIMEOUT;
      }
    }
    return "connection: " + failure.getClass().getSimpleName();
  }

  public static boolean accepted(int status) {
    return status >= 200 && status < 300;
  }
}
