package com.orderplatform.infra.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.orderplatform.api.RuleViolation;
import com.orderplatform.infra.axon.CommitTimeoutException;
import com.orderplatform.infra.locks.LockNotAcquiredException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Overload answers: a command not committed in time, or a busy lock, is a 503 problem with a retry hint. */
class ProblemHandlerTest {

    @RestController
    static class Overloaded {
        @PostMapping("/not-committed")
        void notCommitted() {
            throw new CommitTimeoutException("PlaceOrderCommand not committed within PT30S");
        }

        @PostMapping("/forbidden")
        void forbidden() {
            throw RuleViolation.forbidden("ADMIN_ONLY", "Only an admin does this.");
        }

        @PostMapping("/locked")
        void locked() {
            throw new LockNotAcquiredException("gate-rebuild:SKU-1");
        }

        @PostMapping("/store-down")
        void storeDown() {
            throw new org.springframework.jdbc.UncategorizedSQLException("select 1", "select 1",
                    new java.sql.SQLException("Connection is closed"));
        }

        @PostMapping("/store-refused")
        void storeRefused() {
            throw new org.springframework.transaction.CannotCreateTransactionException("no connection",
                    new java.sql.SQLException("Connection refused", "08001"));
        }

        @PostMapping("/bug")
        void bug() {
            throw new IllegalStateException("a bug");
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Overloaded())
            .setControllerAdvice(new ProblemHandler()).build();

    @Test
    void aDatabaseThatCannotBeReachedIsA503WithARetryHintNotA500() throws Exception {
        for (String path : java.util.List.of("/store-down", "/store-refused")) {
            mvc.perform(post(path))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(header().string("Retry-After", "1"))
                    .andExpect(jsonPath("$.code").value("STORE_UNAVAILABLE"));
        }
    }

    @Test
    void anyOtherUnexpectedErrorIsStillA500() throws Exception {
        mvc.perform(post("/bug"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.code").value("INTERNAL_ERROR"));
    }

    @Test
    void aCommandNotCommittedInTimeIsA503ThatSaysToRetryWithTheSameKey() throws Exception {
        mvc.perform(post("/not-committed"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string("Retry-After", "1"))
                .andExpect(jsonPath("$.code").value("BUSY"))
                .andExpect(jsonPath("$.detail").value(
                        "The request could not be completed in time; retry it with the same Idempotency-Key."));
    }

    @Test
    void eachKindOfBusinessRefusalHasOneStatus() {
        assertThat(ProblemHandler.statusOf(RuleViolation.Kind.INVALID)).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(ProblemHandler.statusOf(RuleViolation.Kind.FORBIDDEN)).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(ProblemHandler.statusOf(RuleViolation.Kind.NOT_FOUND)).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(ProblemHandler.statusOf(RuleViolation.Kind.CONFLICT)).isEqualTo(HttpStatus.CONFLICT);
        assertThat(ProblemHandler.statusOf(RuleViolation.Kind.UNPROCESSABLE)).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    }

    @Test
    void aRuleViolationIsAProblemWithItsCode() throws Exception {
        mvc.perform(post("/forbidden"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("ADMIN_ONLY"))
                .andExpect(jsonPath("$.detail").value("Only an admin does this."));
    }

    @Test
    void aBusyLockIsA503() throws Exception {
        mvc.perform(post("/locked"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.code").value("BUSY"));
    }
}
