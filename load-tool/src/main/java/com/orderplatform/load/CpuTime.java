package com.orderplatform.load;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * CPU time of this tool and of the server it drives, so that a report can say what one request or one order cost
 * each of them. The server — every instance of it, when the tool spreads its requests over several — is found by the
 * port it listens on (Linux {@code /proc}), and counted with the processes it started (the local default's
 * redis-server); on another machine, or without {@code /proc}, its figures are absent rather than guessed.
 */
final class CpuTime {

    /** USER_HZ: the unit of utime and stime in /proc/[pid]/stat on Linux. */
    private static final long TICK_NANOS = 10_000_000L;

    private final List<Long> serverPids;

    private CpuTime(List<Long> serverPids) {
        this.serverPids = serverPids;
    }

    static CpuTime of(PlatformClient client) {
        if (!client.isLocal()) {
            return new CpuTime(List.of());
        }
        List<OptionalLong> found = client.ports().stream().map(CpuTime::listeningProcess).toList();
        return new CpuTime(found.stream().allMatch(OptionalLong::isPresent)
                ? found.stream().map(OptionalLong::getAsLong).distinct().toList() : List.of());
    }

    /** The servers' CPU time together, their child processes included, or -1 when one of them cannot be read. */
    private long serverCpuNanos() {
        long sum = 0;
        for (long pid : serverPids) {
            long nanos = processCpuNanos(pid);
            if (nanos < 0) {
                return -1;
            }
            sum += nanos;
        }
        for (long child : childrenOf(serverPids)) {
            sum += Math.max(0, processCpuNanos(child));
        }
        return sum;
    }

    /** The processes whose parent is one of {@code parents}, and theirs, from /proc. */
    static List<Long> childrenOf(List<Long> parents) {
        Map<Long, List<Long>> byParent = new HashMap<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                long parent = parentOf(process);
                if (parent > 0) {
                    byParent.computeIfAbsent(parent, p -> new ArrayList<>())
                            .add(Long.parseLong(process.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            return List.of();
        }
        List<Long> found = new ArrayList<>();
        Deque<Long> toVisit = new ArrayDeque<>(parents);
        while (!toVisit.isEmpty()) {
            for (long child : byParent.getOrDefault(toVisit.pop(), List.of())) {
                found.add(child);
                toVisit.push(child);
            }
        }
        return found;
    }

    private static long parentOf(Path process) {
        try {
            String stat = Files.readString(process.resolve("stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
    }

    /** A reading of both clocks. */
    record Reading(long clientNanos, long serverNanos, long wallNanos) {

        /** Milliseconds of CPU per unit of work between two readings; absent when the server's clock is unknown. */
        Usage since(Reading start, long work) {
            double wallSeconds = (wallNanos - start.wallNanos) / 1e9;
            Double server = serverNanos < 0 || start.serverNanos < 0 ? null
                    : perWork(serverNanos - start.serverNanos, work);
            Double serverCores = serverNanos < 0 || start.serverNanos < 0 || wallSeconds <= 0 ? null
                    : round((serverNanos - start.serverNanos) / 1e9 / wallSeconds);
            Double clientCores = wallSeconds <= 0 ? null : round((clientNanos - start.clientNanos) / 1e9 / wallSeconds);
            return new Usage(work, perWork(clientNanos - start.clientNanos, work), server, clientCores, serverCores);
        }

        private static Double perWork(long nanos, long work) {
            return work <= 0 ? null : round(nanos / 1e6 / work);
        }

        private static double round(double value) {
            return Math.round(value * 1000) / 1000.0;
        }
    }

    /** CPU milliseconds per unit of work (a request, or an order) and the cores each side kept busy on average. */
    record Usage(long per, Double clientMillis, Double serverMillis, Double clientCores, Double serverCores) {
    }

    Reading read() {
        long client = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        long server = serverPids.isEmpty() ? -1 : serverCpuNanos();
        return new Reading(client, server, System.nanoTime());
    }

    boolean knowsServer() {
        return !serverPids.isEmpty();
    }

    /**
     * Waits until the server has used less than {@code cores} for a whole {@code window} (at most {@code limit}),
     * and returns the seconds waited. On this machine a server that was just under load keeps a core busy for a
     * while afterwards — its JIT compiler catching up, a processor draining what is left — and a scenario started
     * then would measure that as well.
     */
    double awaitQuiet(double cores, java.time.Duration window, java.time.Duration limit) {
        if (serverPids.isEmpty()) {
            return 0;
        }
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        long windowStart = System.nanoTime();
        long cpuAtWindowStart = serverCpuNanos();
        while (System.nanoTime() < deadline) {
            sleep(250);
            long now = System.nanoTime();
            long cpu = serverCpuNanos();
            double used = (cpu - cpuAtWindowStart) / (double) (now - windowStart);
            if (used > cores) {
                windowStart = now;
                cpuAtWindowStart = cpu;
            } else if (now - windowStart >= window.toNanos()) {
                break;
            }
        }
        return Math.round((System.nanoTime() - start) / 1e8) / 10.0;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static long processCpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * TICK_NANOS;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The process with a socket listening on the port, from /proc/net/tcp{,6} and the processes' descriptors. */
    static OptionalLong listeningProcess(int port) {
        String inode = null;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] columns = line.trim().split("\\s+");
                    if (columns.length > 9 && columns[3].equals("0A")
                            && columns[1].endsWith(":" + String.format(Locale.ROOT, "%04X", port))) {
                        inode = columns[9];
                    }
                }
            } catch (IOException | RuntimeException e) {
                return OptionalLong.empty();
            }
        }
        if (inode == null) {
            return OptionalLong.empty();
        }
        String target = "socket:[" + inode + "]";
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(process.resolve("fd"))) {
                    for (Path descriptor : descriptors) {
                        if (target.equals(Files.readSymbolicLink(descriptor).toString())) {
                            return OptionalLong.of(Long.parseLong(process.getFileName().toString()));
                        }
                    }
                } catch (IOException | RuntimeException notOurs) {
                    // a process that ended, or one we may not look into
                }
            }
        } catch (IOException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }
}
