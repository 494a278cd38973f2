package io.payguard.bench.payments;

import java.util.List;

/** The users and payment methods a run pays between, created through the API under test. */
public record Population(List<String> users, List<String> methods) {

  public Population {
    if (users.isEmpty() || methods.isEmpty()) {
      throw new IllegalArgumentException("a population needs at least one user and one payment method");
    }
    users = List.copyOf(users);
    methods = List.copyOf(methods);
  }
}
