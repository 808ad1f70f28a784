package com.orderplatform.infra.error;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

public final class Problems {

    public static final String CODE = "code";

    private Problems() {
    }

    public static ProblemDetail of(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://orderplatform.dev/problems/" + code.toLowerCase().replace('_', '-')));
        problem.setProperty(CODE, code);
        return problem;
    }

    /**
     * The answer when only the status is known (an error raised by Tomcat or the servlet container, not by us): the
     * status's name as the code, its reason phrase as the detail.
     */
    public static ProblemDetail forStatus(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        return known == null
                ? of(HttpStatusCode.valueOf(status), "HTTP_" + status, "The request failed.")
                : of(known, known.name(), known.getReasonPhrase() + ".");
    }

    /** The caller is known but their role does not allow the endpoint: the same answer from the filters and MVC. */
    public static ProblemDetail forbidden() {
        return of(HttpStatus.FORBIDDEN, "FORBIDDEN", "Your role does not allow this.");
    }

    /** For the few places outside Spring MVC (servlet filters, security entry points). */
    public static void write(HttpServletResponse response, ObjectMapper json, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
