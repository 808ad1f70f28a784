package com.orderplatform.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** {@code --name=value} arguments; every value a scenario reads is kept, defaults included, for its report. */
final class Options {

    private final Map<String, String> given;
    private final String scope;
    private final Map<String, String> defaults;
    private final Map<String, Object> used = new LinkedHashMap<>();

    private Options(Map<String, String> given, String scope, Map<String, String> defaults) {
        this.given = given;
        this.scope = scope;
        this.defaults = defaults;
    }

    /** The options of one scenario: {@code --<scenario>.<name>} wins over {@code --<name>}. */
    Options forScenario(String scenario) {
        return new Options(given, scenario + ".", Map.of());
    }

    /** The same options with other defaults: what a named variant of a scenario (rejects, accepted) starts from. */
    Options withDefaults(Map<String, String> variantDefaults) {
        return new Options(given, scope, variantDefaults);
    }

    private String value(String name, String fallback) {
        return given.getOrDefault(scope + name, given.getOrDefault(name, defaults.getOrDefault(name, fallback)));
    }

    static Options parse(String[] args, int from) {
        Map<String, String> given = new LinkedHashMap<>();
        for (int i = from; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            given.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return new Options(given, "", Map.of());
    }

    static Options of(Map<String, String> given) {
        return new Options(new LinkedHashMap<>(given), "", Map.of());
    }

    /**
     * Refuses any option that is not one of {@code names}, bare or after one of the {@code scopes} and a dot: a
     * misspelt option would otherwise be ignored silently and the run measure something else than asked.
     */
    Options requireKnown(Set<String> names, Set<String> scopes) {
        List<String> unknown = new ArrayList<>();
        for (String option : given.keySet()) {
            int dot = option.indexOf('.');
            boolean scoped = dot > 0 && scopes.contains(option.substring(0, dot));
            if (!names.contains(scoped ? option.substring(dot + 1) : option)) {
                unknown.add("--" + option);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s) " + String.join(", ", unknown) + "; known: "
                    + new TreeSet<>(names) + ", each also as --<" + String.join("|", scopes) + ">.<name>");
        }
        return this;
    }

    String text(String name, String fallback) {
        String value = value(name, fallback);
        used.put(name, value);
        return value;
    }

    int integer(String name, int fallback) {
        int value = Integer.parseInt(value(name, Integer.toString(fallback)));
        used.put(name, value);
        return value;
    }

    double decimal(String name, double fallback) {
        double value = Double.parseDouble(value(name, Double.toString(fallback)));
        used.put(name, value);
        return value;
    }

    Duration seconds(String name, int fallback) {
        return Duration.ofSeconds(integer(name, fallback));
    }

    /** A figure the run produced that belongs with its parameters. */
    void note(String name, Object value) {
        used.put(name, value);
    }

    Map<String, Object> used() {
        return new LinkedHashMap<>(used);
    }
}
