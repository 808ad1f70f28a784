package com.orderplatform.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * On a two-processor machine, asynchronous steps share the common pool once the application configured it; the JDK's
 * own default there starts a thread per step. Each case runs in a JVM of its own, told it has two processors.
 */
class AsyncPoolTest {

    /** Prints whether CompletableFuture's default executor is a pool, after configuring it when asked to. */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("configure")) {
            AsyncPool.configure();
        }
        System.out.print(AsyncPool.asyncStepsShareAPool());
    }

    @Test
    void onTwoProcessorsTheJdkStartsAThreadPerStepUnlessConfigured() throws Exception {
        assertThat(probe()).as("the JDK's default on two processors").isEqualTo("false");
        assertThat(probe("configure")).as("configured first thing").isEqualTo("true");
    }

    @Test
    void aParallelismGivenOnTheCommandLineIsKept() throws Exception {
        assertThat(probe("-D" + AsyncPool.PARALLELISM + "=1", "configure")).isEqualTo("false");
    }

    private static String probe(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:ActiveProcessorCount=2", "-cp", System.getProperty("java.class.path")));
        List<String> jvmOptions = new ArrayList<>();
        List<String> programArguments = new ArrayList<>();
        for (String argument : arguments) {
            (argument.startsWith("-D") ? jvmOptions : programArguments).add(argument);
        }
        command.addAll(jvmOptions);
        command.add(AsyncPoolTest.class.getName());
        command.addAll(programArguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }
}
