package com.orderplatform.command.support;

import com.orderplatform.api.RuleViolation;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

public final class Violations {

    private Violations() {
    }

    public static Matcher<RuleViolation> violation(String code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(RuleViolation violation) {
                return violation.code().equals(code);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a RuleViolation with code ").appendValue(code);
            }
        };
    }
}
