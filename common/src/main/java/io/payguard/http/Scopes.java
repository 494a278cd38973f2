package io.payguard.http;

import java.util.List;
import java.util.Set;

/**
 * What an API key may do, as restricted keys go: each operation of the contracts needs one scope (its
 * {@code security} requirement), and a key holds a set of them. {@code admin} holds every scope; a key
 * configured without scopes holds {@code admin} (any key could do anything before scopes existed).
 */
public final class Scopes {

  /** Read payments, users, methods, events, assessments, rules, lists and labels. */
  public static final String PAYMENTS_READ = "payments.read";
  /** Create payments, users and payment methods. */
  public static final String PAYMENTS_WRITE = "payments.write";
  /** Work the review queue (approve, decline) and label outcomes. */
  public static final String REVIEWS = "reviews";
  /** Try rule changes (simulate) and change lists. */
  public static final String RULES = "rules";
  /** Everything, webhooks included. */
  public static final String ADMIN = "admin";

  public static final List<String> ALL = List.of(PAYMENTS_READ, PAYMENTS_WRITE, REVIEWS, RULES, ADMIN);

  private Scopes() {
  }

  /** Whether a key holding {@code held} may call an operation that needs {@code needed} (null: any key). */
  public static boolean allows(Set<String> held, String needed) {
    return needed == null || held.contains(ADMIN) || held.contains(needed);
  }
}
