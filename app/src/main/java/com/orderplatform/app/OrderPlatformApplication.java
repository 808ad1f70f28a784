package com.orderplatform.app;

import com.orderplatform.command.CommandSideConfiguration;
import com.orderplatform.infra.InfraConfiguration;
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

    public static void main(String[] args) {
        SpringApplication.run(OrderPlatformApplication.class, args);
    }
}
