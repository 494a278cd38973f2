package io.payguard.risk.rules;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What the rules know of the past when they score a payment: the user's earlier payments (those made
 * before this one, within the longest window any rule looks at) and a few all-time facts. Built from
 * risk_schema.auth_request, so it survives restarts and is the same on every risk instance.
 */
public record History(
  List<PastPayment> recent,
  boolean hasHistory,
  boolean methodUsedBefore,
  boolean payeePaidBefore,
  boolean currencyUsedBefore,
  Set<UUID> recentPayersOfPayee) {

  /** One earlier payment of the same user. */
  public record PastPayment(BigDecimal amount, String currency, OffsetDateTime createdAt) {
  }

  public static History none() {
    return new History(List.of(), false, false, false, false, Set.of());
  }
}
