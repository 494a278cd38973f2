package io.payguard.config;

/**
 * Why a service cannot start, in one line an operator can act on. The launcher prints it instead of a
 * stack trace and exits non-zero.
 */
public class StartFailure extends RuntimeException {

  public StartFailure(String message) {
    super(message, null, false, false);
  }

  /** The deepest cause's message, first line only: drivers put whole dumps after the first line. */
  public static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.lines().findFirst().orElse("").strip();
  }
}
