package io.payguard.risk.expressions;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.OpaqueType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Money in expressions: CEL has no decimal type, and its double would round amounts, so amounts are an
 * opaque {@code decimal} backed by BigDecimal. Comparisons with decimals and whole numbers
 * ({@code payment.amount > 1000}), {@code decimal('999.99')} for a fraction, and exact + - *. A double
 * ({@code 999.99}) does not type-check against a decimal: no amount is ever compared in binary floating
 * point. Every decimal is kept without trailing zeros, so {@code ==} (CEL's own, by value) holds for
 * 100 and 100.00.
 */
public final class Decimals {

  static final OpaqueType DECIMAL = OpaqueType.create("decimal");

  /**
   * A decimal as expressions hold it: not a java.lang.Number, so CEL's equality (which converts numbers
   * to double or long) leaves it alone and compares the records, that is the values without trailing zeros.
   */
  public record Decimal(BigDecimal value) {

    public Decimal {
      value = value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
    }
  }

  private static final List<Operator> COMPARISONS = List.of(
    new Operator("_<_", "less", c -> c < 0), new Operator("_<=_", "less_equals", c -> c <= 0),
    new Operator("_>_", "greater", c -> c > 0), new Operator("_>=_", "greater_equals", c -> c >= 0));

  private record Operator(String function, String id, java.util.function.IntPredicate holds) {
  }

  private Decimals() {
  }

  /** An amount as expressions see it. */
  public static Decimal of(BigDecimal value) {
    return new Decimal(value);
  }

  static List<CelFunctionDecl> declarations() {
    List<CelFunctionDecl> declarations = new ArrayList<>();
    for (Operator op : COMPARISONS) {
      declarations.add(CelFunctionDecl.newFunctionDeclaration(op.function(),
        overload(op.id() + "_decimal_decimal", SimpleType.BOOL, DECIMAL, DECIMAL),
        overload(op.id() + "_decimal_int", SimpleType.BOOL, DECIMAL, SimpleType.INT),
        overload(op.id() + "_int_decimal", SimpleType.BOOL, SimpleType.INT, DECIMAL)));
    }
    for (String equality : new String[] {"_==_", "_!=_"}) {
      String id = equality.equals("_==_") ? "equals" : "not_equals";
      declarations.add(CelFunctionDecl.newFunctionDeclaration(equality,
        overload(id + "_decimal_int", SimpleType.BOOL, DECIMAL, SimpleType.INT),
        overload(id + "_int_decimal", SimpleType.BOOL, SimpleType.INT, DECIMAL)));
    }
    declarations.add(CelFunctionDecl.newFunctionDeclaration("_+_", overload("add_decimal_decimal", DECIMAL, DECIMAL, DECIMAL)));
    declarations.add(CelFunctionDecl.newFunctionDeclaration("_-_", overload("subtract_decimal_decimal", DECIMAL, DECIMAL, DECIMAL)));
    declarations.add(CelFunctionDecl.newFunctionDeclaration("_*_",
      overload("multiply_decimal_decimal", DECIMAL, DECIMAL, DECIMAL),
      overload("multiply_decimal_int", DECIMAL, DECIMAL, SimpleType.INT)));
    declarations.add(CelFunctionDecl.newFunctionDeclaration("decimal",
      overload("decimal_string", DECIMAL, SimpleType.STRING), overload("decimal_int", DECIMAL, SimpleType.INT)));
    return declarations;
  }

  static List<CelFunctionBinding> bindings() {
    List<CelFunctionBinding> bindings = new ArrayList<>();
    for (Operator op : COMPARISONS) {
      bindings.add(binary(op.id() + "_decimal_decimal", Decimal.class, Decimal.class,
        (a, b) -> op.holds().test(a.value().compareTo(b.value()))));
      bindings.add(binary(op.id() + "_decimal_int", Decimal.class, Long.class,
        (a, b) -> op.holds().test(a.value().compareTo(BigDecimal.valueOf(b)))));
      bindings.add(binary(op.id() + "_int_decimal", Long.class, Decimal.class,
        (a, b) -> op.holds().test(BigDecimal.valueOf(a).compareTo(b.value()))));
    }
    bindings.add(binary("equals_decimal_int", Decimal.class, Long.class,
      (a, b) -> a.value().compareTo(BigDecimal.valueOf(b)) == 0));
    bindings.add(binary("equals_int_decimal", Long.class, Decimal.class,
      (a, b) -> b.value().compareTo(BigDecimal.valueOf(a)) == 0));
    bindings.add(binary("not_equals_decimal_int", Decimal.class, Long.class,
      (a, b) -> a.value().compareTo(BigDecimal.valueOf(b)) != 0));
    bindings.add(binary("not_equals_int_decimal", Long.class, Decimal.class,
      (a, b) -> b.value().compareTo(BigDecimal.valueOf(a)) != 0));
    bindings.add(binary("add_decimal_decimal", Decimal.class, Decimal.class, (a, b) -> of(a.value().add(b.value()))));
    bindings.add(binary("subtract_decimal_decimal", Decimal.class, Decimal.class,
      (a, b) -> of(a.value().subtract(b.value()))));
    bindings.add(binary("multiply_decimal_decimal", Decimal.class, Decimal.class,
      (a, b) -> of(a.value().multiply(b.value()))));
    bindings.add(binary("multiply_decimal_int", Decimal.class, Long.class,
      (a, b) -> of(a.value().multiply(BigDecimal.valueOf(b)))));
    bindings.add(CelFunctionBinding.from("decimal_string", String.class, Decimals::parse));
    bindings.add(CelFunctionBinding.from("decimal_int", Long.class, n -> of(BigDecimal.valueOf(n))));
    return bindings;
  }

  /** Plain decimal notation only ("12.50", "-3"): no exponent, no NaN, at most 40 characters. */
  private static Decimal parse(String text) {
    if (text.length() > 40 || !text.matches("-?[0-9]+(\\.[0-9]+)?")) {
      throw new IllegalArgumentException("decimal('" + text + "'): not a plain decimal number");
    }
    return of(new BigDecimal(text));
  }

  private static CelOverloadDecl overload(String id, CelType result, CelType left, CelType right) {
    return CelOverloadDecl.newGlobalOverload(id, result, left, right);
  }

  private static CelOverloadDecl overload(String id, CelType result, CelType argument) {
    return CelOverloadDecl.newGlobalOverload(id, result, argument);
  }

  private static <A, B> CelFunctionBinding binary(String id, Class<A> left, Class<B> right,
                                                  BiFunction<A, B, Object> function) {
    return CelFunctionBinding.from(id, left, right, function::apply);
  }
}
