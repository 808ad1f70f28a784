package com.orderplatform.infra.ops;

import com.orderplatform.infra.locks.DistributedLocks;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.EventProcessingConfigurer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

@Configuration(proxyBeanMethods = false)
@Import({AuditController.class, ProcessorAdminController.class})
public class OperatorConfiguration {

    @Bean
    OperatorAudit operatorAudit(JdbcTemplate jdbc, Clock clock) {
        return new OperatorAudit(jdbc, clock);
    }

    @Bean
    ProcessorOperations processorOperations(EventProcessingConfiguration processing, JdbcTemplate jdbc,
                                            OperatorActions actions) {
        return new ProcessorOperations(processing, jdbc, actions);
    }

    @Bean
    ProcessorMetrics eventProcessorMetrics(ProcessorOperations operations, MeterRegistry meters) {
        return new ProcessorMetrics(operations, meters);
    }

    /** Every event processor's batch sizes, as a metric ({@link ProcessorBatches}). */
    @Autowired
    void countBatches(EventProcessingConfigurer processing, MeterRegistry meters) {
        processing.registerDefaultHandlerInterceptor((configuration, processor) -> new ProcessorBatches(processor, meters));
    }

    @Bean
    OperatorActions operatorActions(DistributedLocks locks, OperatorAudit audit) {
        return new OperatorActions(locks, audit);
    }
}
