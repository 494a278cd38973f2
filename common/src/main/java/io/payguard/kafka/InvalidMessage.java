package io.payguard.kafka;

/** A message that can never be processed, however often it is retried: it belongs in the dead letters. */
public final class InvalidMessage extends Exception {

  public InvalidMessage(String reason) {
    super(reason, null, false, false);
  }
}
