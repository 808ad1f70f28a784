package com.orderplatform.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CpuTimeTest {

    @Test
    void aServersChildProcessesAndTheirChildrenAreFound() throws IOException, InterruptedException {
        Process shell = new ProcessBuilder("sh", "-c", "sleep 30 & wait").start();
        try {
            long shellPid = shell.pid();
            List<Long> underShell = List.of();
            for (int attempt = 0; attempt < 100 && underShell.isEmpty(); attempt++) {
                Thread.sleep(50);
                underShell = CpuTime.childrenOf(List.of(shellPid));
            }

            assertThat(underShell).isNotEmpty().doesNotContain(shellPid);
            assertThat(CpuTime.childrenOf(List.of(ProcessHandle.current().pid())))
                    .contains(shellPid).containsAll(underShell);
        } finally {
            shell.descendants().forEach(ProcessHandle::destroyForcibly);
            shell.destroyForcibly();
        }
    }
}
