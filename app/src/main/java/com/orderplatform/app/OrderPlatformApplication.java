package com.orderplatform.app;

import com.orderplatform.app.local.LocalInfrastructure;
import com.orderplatform.app.local.LocalPostgres;
import com.orderplatform.command.CommandSideConfiguration;
import com.orderplatform.infra.InfraConfiguration;
import com.orderplatform.provider.PaymentProviderSimulator;
import com.orderplatform.query.QuerySideConfiguration;
import com.orderplatform.saga.SagaConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.context.annotation.Import;

@SpringBootApplication
@EntityScan({
        "com.orderplatform",
        "org.axonframework.eventsourcing.eventstore.jpa",
        "org.axonframework.eventhandling.tokenstore.jpa",
        "org.axonframework.eventhandling.deadletter.jpa"})
@Import({InfraConfiguration.class, CommandSideConfiguration.class, SagaConfiguration.class, QuerySideConfiguration.class})
public class OrderPlatformApplication {

    /**
     * The application; {@code postgres} as first argument: the local recipe's PostgreSQL ({@link LocalPostgres});
     * {@code payment-provider}: the payment provider simulator as a process of its own, for every instance to share;
     * {@code redis}, {@code kafka}: the local default's Redis and Kafka as processes of their own
     * ({@link LocalInfrastructure}).
     */
    public static void main(String[] args) throws Exception {
        AsyncPool.configure();
        if (args.length > 0 && "postgres".equals(args[0])) {
            LocalPostgres.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        String[] rest = args.length > 0 ? java.util.Arrays.copyOfRange(args, 1, args.length) : args;
        if (args.length > 0 && "payment-provider".equals(args[0])) {
            PaymentProviderSimulator.main(rest);
            return;
        }
        if (args.length > 0 && "redis".equals(args[0])) {
            LocalInfrastructure.redis(rest);
            return;
        }
        if (args.length > 0 && "kafka".equals(args[0])) {
            LocalInfrastructure.kafka(rest);
            return;
        }
        AsyncPool.report();
        SpringApplication.run(OrderPlatformApplication.class, args);
    }
}
