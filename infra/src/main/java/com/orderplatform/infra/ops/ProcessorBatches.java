package com.orderplatform.infra.ops;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * The size of each batch an event processor handles ({@code orders.processor.batch.size}: its count is the batches,
 * its total the events handled in them). A processor pays a transaction and a position write per batch, so events
 * per batch say how well that cost is shared: one under a trickle of orders, tens in a burst.
 */
public final class ProcessorBatches implements MessageHandlerInterceptor<EventMessage<?>> {

    private final DistributionSummary sizes;

    public ProcessorBatches(String processor, MeterRegistry meters) {
        this.sizes = DistributionSummary.builder("orders.processor.batch.size")
                .description("Events handled per batch of the processor").baseUnit("events")
                .tag("processor", processor).register(meters);
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        if (unitOfWork instanceof BatchingUnitOfWork<?> batch && batch.isFirstMessage()) {
            sizes.record(batch.getMessages().size());
        }
        return interceptorChain.proceed();
    }
}
