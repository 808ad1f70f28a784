package com.orderplatform.infra;

import com.orderplatform.infra.axon.AxonInfraConfiguration;
import com.orderplatform.infra.gate.GateConfiguration;
import com.orderplatform.infra.idempotency.IdempotencyConfiguration;
import com.orderplatform.infra.ids.IdsConfiguration;
import com.orderplatform.infra.kafka.KafkaConfiguration;
import com.orderplatform.infra.ops.OperatorConfiguration;
import com.orderplatform.infra.ratelimit.RateLimitConfiguration;
import com.orderplatform.infra.redis.RedisConfiguration;
import com.orderplatform.infra.roles.RolesProperties;
import com.orderplatform.infra.security.SecurityConfiguration;
import com.orderplatform.infra.web.WebConfiguration;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RolesProperties.class)
@Import({WebConfiguration.class, SecurityConfiguration.class, AxonInfraConfiguration.class, IdsConfiguration.class,
        RedisConfiguration.class, GateConfiguration.class, IdempotencyConfiguration.class, KafkaConfiguration.class,
        OperatorConfiguration.class, RateLimitConfiguration.class})
public class InfraConfiguration {

    /** The time every component reads, so that a test can set it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
