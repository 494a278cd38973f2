package io.payguard.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArgsTest {

  @Test
  void optionsDurationsAndListsAreRead() {
    Args args = Args.parse(List.of("--rate", "500", "--duration=15s", "--warmup", "500ms", "--clients", "1,16", "--flag"));
    assertThat(args.decimal("rate", 0)).isEqualTo(500);
    assertThat(args.duration("duration", null)).isEqualTo(Duration.ofSeconds(15));
    assertThat(args.duration("warmup", null)).isEqualTo(Duration.ofMillis(500));
    assertThat(args.integers("clients", null)).containsExactly(1, 16);
    assertThat(args.flag("flag")).isTrue();
    args.requireAllKnown();
  }

  @Test
  void aMisspeltOptionFailsTheRunInsteadOfBeingIgnored() {
    Args args = Args.parse(List.of("--rate", "500", "--duraton", "15s"));
    args.decimal("rate", 0);
    args.duration("duration", Duration.ofSeconds(20));
    assertThatThrownBy(args::requireAllKnown).hasMessageContaining("--duraton");
  }

  @Test
  void anUnreadableValueNamesItsOption() {
    Args args = Args.parse(List.of("--rate", "fast"));
    assertThatThrownBy(() -> args.decimal("rate", 0)).hasMessageContaining("--rate");
  }
}
