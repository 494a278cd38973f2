package io.payguard.risk.expressions;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelBuilder;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.ast.CelReference;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;

import java.util.Set;
import java.util.TreeSet;

/**
 * The language of custom rules: Google's Common Expression Language with the {@link Variables} and one {@code lists.<name>} per risk list, exact decimals ({@link Decimals}) and
 * CEL's standard functions and macros. An expression is parsed and type-checked here, when a rules
 * document loads, and must be a bool. Its cost is bounded three ways, so a rule cannot stall scoring:
 * its length, its nesting depth, and the iterations all its comprehensions ({@code exists}, {@code all},
 * {@code map}...) may take together per evaluation; CEL has no loops or recursion besides, and its
 * regular expressions (RE2) run in linear time.
 */
public final class RuleExpressions {

  public static final int MAX_LENGTH = 2000;
  public static final int MAX_DEPTH = 32;
  public static final int MAX_ITERATIONS = 1000;

  private final Cel cel;

  /** An environment in which {@code lists.<name>} exists for each of {@code listNames}. */
  public RuleExpressions(Set<String> listNames) {
    CelBuilder builder = CelFactory.standardCelBuilder()
      .setOptions(CelOptions.current().maxExpressionCodePointSize(MAX_LENGTH).maxParseRecursionDepth(MAX_DEPTH)
        .comprehensionMaxIterations(MAX_ITERATIONS).build())
      .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
      .addFunctionDeclarations(Decimals.declarations())
      .addFunctionBindings(Decimals.bindings())
      .setResultType(SimpleType.BOOL);
    Variables.TYPES.forEach(builder::addVar);
    for (String list : listNames) {
      builder.addVar(Variables.LISTS + list, MapType.create(SimpleType.STRING, SimpleType.BOOL));
    }
    this.cel = builder.build();
  }

  /**
   * {@code expression} parsed, checked and planned.
   *
   * @throws InvalidExpression with the position (line:column) and CEL's message of the first problem
   */
  public Expression compile(String expression) throws InvalidExpression {
    try {
      CelAbstractSyntaxTree ast = cel.compile(expression).getAst();
      Set<String> variables = new TreeSet<>();
      for (CelReference reference : ast.getReferenceMap().values()) {
        if (reference.overloadIds().isEmpty() && reference.value().isEmpty()) {
          variables.add(reference.name());
        }
      }
      return new Expression(cel.createProgram(ast), Set.copyOf(variables));
    } catch (CelValidationException e) {
      CelIssue first = e.getErrors().get(0);
      String message = first.getMessage().startsWith("undeclared reference")
        ? first.getMessage() + "; the variables are listed in docs/RISK.md, and a list must exist before a rule names it"
        : first.getMessage();
      throw new InvalidExpression(first.getSourceLocation().getLine() + ":"
        + (first.getSourceLocation().getColumn() + 1) + ": " + message);
    } catch (IllegalArgumentException | CelEvaluationException e) {
      throw new InvalidExpression("1:1: " + e.getMessage());
    }
  }

  /** A checked expression and the variables it reads (so the history read fetches only what is used). */
  public record Expression(CelRuntime.Program program, Set<String> variables) {

    /**
     * True when the rule fires.
     *
     * @throws Unevaluable when it cannot be evaluated (a budget exceeded, a bad decimal('...'), a list
     *   deleted since the rules were loaded)
     */
    public boolean test(CelVariableResolver facts) throws Unevaluable {
      Object result;
      try {
        result = program.eval(facts);
      } catch (CelEvaluationException e) {
        throw new Unevaluable(e.getMessage());
      }
      if (result instanceof Boolean fired) {
        return fired;
      }
      // CEL answers "unknown" rather than failing when a declared variable has no value.
      throw new Unevaluable("a variable it reads has no value (a list deleted since the rules were loaded?)");
    }
  }

  /** Why an expression could not be evaluated for one payment. */
  public static final class Unevaluable extends Exception {

    public Unevaluable(String message) {
      super(message, null, false, false);
    }
  }

  /** An expression that does not parse or type-check, with where and why. */
  public static final class InvalidExpression extends Exception {

    public InvalidExpression(String message) {
      super(message, null, false, false);
    }
  }
}
