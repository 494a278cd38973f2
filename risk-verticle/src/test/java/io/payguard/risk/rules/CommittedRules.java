package io.payguard.risk.rules;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** The rules document committed in conf/, as tests read it. */
public final class CommittedRules {

  private CommittedRules() {
  }

  /** The lists migration V9 creates, which the committed rules name. */
  public static final Set<String> LISTS = Set.of("blocked_users", "blocked_payees", "blocked_payment_methods",
    "trusted_users");

  public static RuleSet ruleSet() {
    try {
      return RuleSet.parse(Files.readAllBytes(file()), LISTS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** From the module directory (Surefire) or the repository root (exec:java). */
  public static Path file() {
    Path inModule = Path.of("..", "conf", "risk-rules.json");
    return Files.exists(inModule) ? inModule : Path.of("conf", "risk-rules.json");
  }
}
