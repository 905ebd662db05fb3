package io.switchboard.server.api;

/**
 * A request the API refuses: its HTTP status and a message fit for the client. Thrown on the control path and turned
 * into {@code {"error": message}} by {@link ApiResponses#fail}; a refused request changes nothing.
 */
final class ApiProblem extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;

  ApiProblem(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }

  static ApiProblem badRequest(String message) {
    return new ApiProblem(400, message);
  }

  static ApiProblem unauthorized(String message) {
    return new ApiProblem(401, message);
  }

  static ApiProblem forbidden(String message) {
    return new ApiProblem(403, message);
  }

  static ApiProblem notFound(String message) {
    return new ApiProblem(404, message);
  }

  static ApiProblem conflict(String message) {
    return new ApiProblem(409, message);
  }

  /** Well-formed but not acceptable as it stands (RFC 9110 §15.5.21): an inactive disposition, an unknown incident. */
  static ApiProblem unprocessable(String message) {
    return new ApiProblem(422, message);
  }
}
