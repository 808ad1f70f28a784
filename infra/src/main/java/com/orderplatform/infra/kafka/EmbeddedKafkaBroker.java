package com.orderplatform.infra.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka (KRaft: broker and controller in one) running in this JVM, with its log in a folder
 * that outlives the process: formatted once, then reopened at every start, so a restart — even after kill -9 —
 * finds every record it had. For the local default; tests may give it a temporary folder. Like any Kafka broker by
 * default, it leaves flushing its log to the operating system: a crash of this process loses nothing written, a crash
 * of the machine may lose the last records, which the event store (the outbox) can publish again (README).
 */
public final class EmbeddedKafkaBroker {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final String CLUSTER_ID = "orders-local-kraft-1";

    private final Path logDir;
    private final int port;
    private final int controllerPort;
    private KafkaRaftServer server;

    public EmbeddedKafkaBroker(Path logDir, int port, int controllerPort) {
        this.logDir = logDir.toAbsolutePath();
        this.port = port;
        this.controllerPort = controllerPort;
    }

    public synchronized void start() {
        if (server != null) {
            return;
        }
        Properties properties = properties();
        format(properties);
        server = new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
        server.startup();
        log.info("Embedded Kafka listening on {} with its log in {}", bootstrapServers(), logDir);
    }

    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.put("num.partitions", "4");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("auto.create.topics.enable", "true");
        return p;
    }

    /** Formats the log folder once; a folder formatted before is left as it is. */
    private void format(Properties properties) {
        try {
            Files.createDirectories(logDir);
            Path config = Files.createTempFile("kraft", ".properties");
            try (OutputStream out = Files.newOutputStream(config)) {
                properties.store(out, "embedded KRaft");
            }
            Exit.setExitProcedure((code, message) -> {
                if (code != 0) {
                    throw new IllegalStateException("formatting the Kafka log failed (" + code + "): " + message);
                }
                throw new FormatDone();
            });
            try {
                StorageTool.main(new String[]{"format", "-t", CLUSTER_ID, "-c", config.toString(), "--ignore-formatted"});
            } catch (FormatDone done) {
                log.debug("Kafka log folder {} ready", logDir);
            } finally {
                Exit.resetExitProcedure();
                Files.deleteIfExists(config);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class FormatDone extends RuntimeException {
        FormatDone() {
            super(null, null, false, false);
        }
    }
}
