package io.payguard.risk.rules;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * What the rules know of the past when they score a payment, all of it about payments made BEFORE this
 * one: per velocity window, how many the user made and how much they added up to in this payment's
 * currency; how many fell just below the amount limit within the structuring window; a few all-time
 * facts; and how many other users paid this payee recently (among its latest payments, as the mule rule says). Aggregated by PostgreSQL from risk_schema.auth_request, so it
 * survives restarts, is the same on every risk instance, and costs one row however busy the user.
 */
public record History(
  Map<Integer, WindowTotals> windows,
  long justBelowLimit,
  boolean hasHistory,
  boolean methodUsedBefore,
  boolean payeePaidBefore,
  boolean currencyUsedBefore,
  long otherPayersOfPayee,
  Recent recent) {

  /** The history as the built-in rules read it; nothing read for custom rules. */
  public History(Map<Integer, WindowTotals> windows, long justBelowLimit, boolean hasHistory, boolean methodUsedBefore,
                 boolean payeePaidBefore, boolean currencyUsedBefore, long otherPayersOfPayee) {
    this(windows, justBelowLimit, hasHistory, methodUsedBefore, payeePaidBefore, currencyUsedBefore,
      otherPayersOfPayee, Recent.NONE);
  }

  /**
   * What custom rules read besides: the payer's earlier payments in the last 10 minutes, hour and day
   * (each up to {@link #CAP}: count, and sum in this payment's currency), and how many other users paid
   * this payee in the last hour (among its latest {@link #CAP}). Read only when some expression uses it.
   */
  public record Recent(Map<Integer, WindowTotals> payer, long payeePayersLastHour) {

    public static final int CAP = 1000;
    public static final Recent NONE = new Recent(Map.of(), 0);

    public WindowTotals payer(int minutes) {
      return payer.getOrDefault(minutes, WindowTotals.NONE);
    }
  }

  /**
   * The user's earlier payments within one window: how many, and their sum in this payment's currency.
   * Only the latest max_count are read: with that many the window is over its count anyway, so the
   * read stays short however busy the user is ({@code atLeast} then says the count is a lower bound).
   */
  public record WindowTotals(long count, BigDecimal sameCurrencySum, boolean atLeast) {

    public static final WindowTotals NONE = new WindowTotals(0, BigDecimal.ZERO, false);
  }

  public WindowTotals window(int minutes) {
    return windows.getOrDefault(minutes, WindowTotals.NONE);
  }

  /**
   * This history with the sum of every window whose count is only a lower bound set to zero: no rule
   * reads it (such a window is over its count anyway), and how it was read decides what it holds.
   */
  public History withoutLowerBoundSums() {
    Map<Integer, WindowTotals> exact = new HashMap<>();
    windows.forEach((minutes, totals) -> exact.put(minutes,
      totals.atLeast() ? new WindowTotals(totals.count(), BigDecimal.ZERO, true) : totals));
    return new History(Map.copyOf(exact), justBelowLimit, hasHistory, methodUsedBefore, payeePaidBefore,
      currencyUsedBefore, otherPayersOfPayee, recent);
  }

  public static History none() {
    return new History(Map.of(), 0, false, false, false, false, 0);
  }
}
