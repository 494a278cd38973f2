package io.payguard.http;

import java.util.List;

/**
 * A failure meant for the client. Anything else that fails a request is an internal error and is
 * reported without detail.
 */
public final class ProblemException extends RuntimeException {

  private final int status;
  private final String slug;
  private final String title;
  private final List<FieldError> errors;

  public ProblemException(int status, String slug, String title, String detail, List<FieldError> errors) {
    super(detail, null, false, false);
    this.status = status;
    this.slug = slug;
    this.title = title;
    this.errors = List.copyOf(errors);
  }

  public static ProblemException badRequest(String detail) {
    return new ProblemException(400, "malformed-request", "Malformed request", detail, List.of());
  }

  public static ProblemException invalid(List<FieldError> errors) {
    return new ProblemException(422, "validation-error", "Invalid request",
      "One or more fields are invalid.", errors);
  }

  public static ProblemException invalidField(String field, String message) {
    return invalid(List.of(new FieldError(field, message)));
  }

  /** Missing or wrong API key; the reply also carries {@code WWW-Authenticate: Bearer}. */
  public static ProblemException unauthorized(String detail) {
    return new ProblemException(401, "unauthorized", "Unauthorized", detail, List.of());
  }

  public static ProblemException forbidden(String detail) {
    return new ProblemException(403, "forbidden", "Forbidden", detail, List.of());
  }

  public static ProblemException notFound(String detail) {
    return new ProblemException(404, "not-found", "Not found", detail, List.of());
  }

  public static ProblemException conflict(String detail) {
    return new ProblemException(409, "conflict", "Conflict", detail, List.of());
  }

  public static ProblemException unavailable(String detail) {
    return new ProblemException(503, "service-unavailable", "Service unavailable", detail, List.of());
  }

  public int status() {
    return status;
  }

  public List<FieldError> errors() {
    return errors;
  }

  public Problem toProblem(String instance) {
    return new Problem(Problem.TYPE_BASE + slug, title, status, getMessage(), instance, errors);
  }
}
