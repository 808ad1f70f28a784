package com.orderplatform.infra.error;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.orderplatform.api.RuleViolation;
import com.orderplatform.infra.axon.CommitTimeoutException;
import com.orderplatform.infra.gate.GateUnavailableException;
import com.orderplatform.infra.ids.IdGenerationUnavailableException;
import com.orderplatform.infra.locks.LockNotAcquiredException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.axonframework.messaging.interceptors.JSR303ViolationException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Every error leaves as application/problem+json with a stable {@code code}; no framework message leaks. */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    static final int MAX_LISTED = 20;
    /** Text taken from the request (a field's name) is echoed at most this long. */
    private static final int MAX_ECHOED = 64;

    @ExceptionHandler(RuleViolation.class)
    ResponseEntity<Object> ruleViolation(RuleViolation e) {
        return respond(Problems.of(statusOf(e.kind()), e.code(), e.getMessage()));
    }

    /** The one place where a kind of business refusal becomes an HTTP status. */
    static HttpStatus statusOf(RuleViolation.Kind kind) {
        return switch (kind) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_ENTITY;
        };
    }

    /** An endpoint's own role check ({@code AdminOnly}, {@code CustomerOnly}) refused the caller. */
    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> accessDenied(AccessDeniedException e) {
        return respond(Problems.forbidden());
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<Object> aggregateNotFound(AggregateNotFoundException e) {
        return respond(Problems.of(HttpStatus.NOT_FOUND, "NOT_FOUND", "No such resource."));
    }

    @ExceptionHandler(JSR303ViolationException.class)
    ResponseEntity<Object> commandViolation(JSR303ViolationException e) {
        return respond(validationFailed(e.getViolations()));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException e) {
        return respond(validationFailed(e.getConstraintViolations()));
    }

    private static ProblemDetail validationFailed(Set<? extends ConstraintViolation<?>> violations) {
        return validationFailed(violations.stream()
                .map(v -> new FieldProblem(v.getPropertyPath().toString(), v.getMessage())));
    }

    /**
     * One answer for every validation failure, however many there are: each violation once, sorted, at most
     * {@value #MAX_LISTED} of them in {@code errors} and the count of the rest in {@code moreErrors}, so that 2,400 bad
     * items cost a small answer (one that fits the idempotency record) and not 281 KB.
     */
    static ProblemDetail validationFailed(Stream<FieldProblem> problems) {
        List<FieldProblem> distinct = problems.distinct()
                .sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message))
                .toList();
        List<FieldProblem> listed = distinct.stream().limit(MAX_LISTED).toList();
        String detail = distinct.size() == 1
                ? listed.get(0).field() + " " + listed.get(0).message()
                : distinct.size() + " values are invalid; see errors.";
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", detail);
        problem.setProperty("errors", listed);
        if (distinct.size() > listed.size()) {
            problem.setProperty("moreErrors", distinct.size() - listed.size());
        }
        return problem;
    }

    @ExceptionHandler(IdGenerationUnavailableException.class)
    ResponseEntity<Object> idsUnavailable(IdGenerationUnavailableException e) {
        log.warn("Order ids unavailable: {}", e.getMessage());
        return unavailable("ID_GENERATION_UNAVAILABLE", "Order ids cannot be issued right now; retry shortly.");
    }

    @ExceptionHandler(GateUnavailableException.class)
    ResponseEntity<Object> gateUnavailable(GateUnavailableException e) {
        return unavailable("STOCK_GATE_UNAVAILABLE", "Orders cannot be taken right now; retry shortly.");
    }

    @ExceptionHandler(CommitTimeoutException.class)
    ResponseEntity<Object> notCommittedInTime(CommitTimeoutException e) {
        log.warn("Not committed in time: {}", e.getMessage());
        return unavailable("BUSY", "The request could not be completed in time; retry it with the same Idempotency-Key.");
    }

    @ExceptionHandler(LockNotAcquiredException.class)
    ResponseEntity<Object> busy(LockNotAcquiredException e) {
        return unavailable("BUSY", "Another operation on this resource is running; retry shortly.");
    }

    /**
     * The database is down or restarting, not wrong: no connection could be had or the one in hand broke (SQL state
     * class 08, a pool with none to give, a transaction that could not begin). Nothing was committed, so the client
     * may send the request again.
     */
    static boolean storeUnreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CannotCreateTransactionException || cause instanceof DataAccessResourceFailureException
                    || cause instanceof java.sql.SQLTransientConnectionException
                    || cause instanceof java.sql.SQLNonTransientConnectionException
                    || cause instanceof java.sql.SQLException sql && (sql.getSQLState() != null
                    && sql.getSQLState().startsWith("08") || "Connection is closed".equals(sql.getMessage()))) {
                return true;
            }
        }
        return false;
    }

    private static ResponseEntity<Object> unavailable(String code, String detail) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, code, detail));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        if (storeUnreachable(e)) {
            log.warn("The database cannot be reached: {}", e.toString());
            return unavailable("STORE_UNAVAILABLE", "The order store cannot be reached right now; retry shortly with "
                    + "the same Idempotency-Key.");
        }
        log.error("Unhandled error", e);
        return respond(Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "An unexpected error occurred."));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return respond(validationFailed(ex.getBindingResult().getAllErrors().stream()
                .map(error -> fieldProblem(error, error.getObjectName()))));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return respond(validationFailed(ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error ->
                        fieldProblem(error, String.valueOf(result.getMethodParameter().getParameterName()))))));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return respond(unreadable(ex));
    }

    static ProblemDetail unreadable(HttpMessageNotReadableException ex) {
        Throwable cause = ex.getMostSpecificCause();
        if (hasCause(ex, BodyTooLargeException.class)) {
            return Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, "PAYLOAD_TOO_LARGE", "The request body is too large.");
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return Problems.of(HttpStatus.BAD_REQUEST, "UNKNOWN_FIELD",
                    "Unknown field '" + echoed(unknown.getPropertyName()) + "'.");
        }
        if (cause instanceof InvalidFormatException || cause instanceof InputCoercionException) {
            return Problems.of(HttpStatus.BAD_REQUEST, "INVALID_VALUE",
                    "A value has the wrong type or is out of range" + path(cause) + ".");
        }
        if (cause instanceof JsonParseException) {
            return Problems.of(HttpStatus.BAD_REQUEST, "MALFORMED_JSON", "The request body is not valid JSON.");
        }
        if (cause instanceof MismatchedInputException) {
            return Problems.of(HttpStatus.BAD_REQUEST, "INVALID_VALUE",
                    "A value has the wrong shape" + path(cause) + ".");
        }
        return Problems.of(HttpStatus.BAD_REQUEST, "MALFORMED_BODY", "The request body is missing or unreadable.");
    }

    private static String path(Throwable cause) {
        if (cause instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            return " at '" + echoed(m.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[")) + "'";
        }
        return "";
    }

    private static String echoed(String fromRequest) {
        String printable = fromRequest == null ? "" : fromRequest.replaceAll("\\p{Cntrl}", "?");
        return printable.length() <= MAX_ECHOED ? printable : printable.substring(0, MAX_ECHOED) + "…";
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, @Nullable Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = Problems.of(status, codeFor(ex, status), detailFor(ex, status));
        return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static String codeFor(Exception ex, HttpStatusCode status) {
        if (ex instanceof HttpMediaTypeNotSupportedException) {
            return "UNSUPPORTED_MEDIA_TYPE";
        }
        if (ex instanceof HttpMediaTypeNotAcceptableException) {
            return "NOT_ACCEPTABLE";
        }
        if (ex instanceof HttpRequestMethodNotSupportedException) {
            return "METHOD_NOT_ALLOWED";
        }
        if (ex instanceof NoResourceFoundException) {
            return "NOT_FOUND";
        }
        if (ex instanceof MissingRequestHeaderException) {
            return "MISSING_HEADER";
        }
        if (ex instanceof MissingServletRequestParameterException || ex instanceof MethodArgumentTypeMismatchException) {
            return "INVALID_PARAMETER";
        }
        return (String) Problems.forStatus(status.value()).getProperties().get(Problems.CODE);
    }

    private static String detailFor(Exception ex, HttpStatusCode status) {
        if (ex instanceof MissingRequestHeaderException m) {
            return "Header '" + m.getHeaderName() + "' is required.";
        }
        if (ex instanceof MissingServletRequestParameterException m) {
            return "Parameter '" + m.getParameterName() + "' is required.";
        }
        if (ex instanceof MethodArgumentTypeMismatchException m) {
            return "Parameter '" + m.getName() + "' has an invalid value.";
        }
        if (ex instanceof HttpMediaTypeNotSupportedException) {
            return "Send the body as application/json.";
        }
        return Problems.forStatus(status.value()).getDetail();
    }

    /** A field's error names the field; any other error ({@code name}) names what it was about. */
    private static FieldProblem fieldProblem(MessageSourceResolvable error, String name) {
        return error instanceof FieldError field
                ? new FieldProblem(field.getField(), field.getDefaultMessage())
                : new FieldProblem(name, error.getDefaultMessage());
    }

    private static ResponseEntity<Object> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    record FieldProblem(String field, String message) {
    }
}
