package io.payguard.testsupport.hostile;

import java.util.Map;

/**
 * One generated request a service must refuse cleanly. {@code raw}: {@code body} is the whole request,
 * written to the socket as is. {@code expectedStatus} 0 accepts any 4xx; {@link #MAY_SUCCEED} marks a
 * mutation that may happen to be valid, so a 2xx is fine too, but never a 5xx or a dirty 4xx.
 */
public record BadRequest(String category, String label, String method, String path, Map<String, String> headers,
                         byte[] body, boolean raw, int expectedStatus) {

  public static final int MAY_SUCCEED = -1;

  @Override
  public String toString() {
    return category + " " + method + " " + (path.length() > 120 ? path.substring(0, 120) + "..." : path)
      + " [" + label + "]";
  }
}
