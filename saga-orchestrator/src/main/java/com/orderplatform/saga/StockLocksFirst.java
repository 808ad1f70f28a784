package com.orderplatform.saga;

import com.orderplatform.api.order.OrderLine;
import com.orderplatform.api.order.OrderPlacedEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockFactory;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Takes, as a batch of the saga starts, the locks of every SKU ledger its commands may change, in one global order
 * (by SKU), and holds them until the batch ends. The saga sends its commands inside the batch, so each ledger lock a
 * command takes stays held until the batch commits; left to the commands, two segments' batches took two SKUs in
 * crossing order and one of them lost a deadlock and was done again, over and over (docs/scaling.md). Taken up front
 * in one order, the batches of all segments, in this process and in the others sharing PostgreSQL (the ledger lock
 * is also an advisory lock there), wait for each other instead: a hot SKU's batches take turns, batches of other
 * SKUs run side by side. The commands' own locking finds the locks held by their thread and takes them again.
 *
 * <p>The SKUs locked are those of every order with an event in the batch — from the event for a placement, from the
 * saga's row otherwise — whether or not its step touches stock: simpler than foreseeing the decisions, and a batch
 * of a hot sale holds its SKU anyway. A lock conflict with a command sent outside any batch (an operator's re-drive)
 * can still happen; that batch is rolled back and done again ({@link OrderSaga}).
 */
final class StockLocksFirst implements MessageHandlerInterceptor<EventMessage<?>> {

    private final OrderSagaStore store;
    private final LockFactory skuLocks;

    StockLocksFirst(OrderSagaStore store, LockFactory skuLocks) {
        this.store = store;
        this.skuLocks = skuLocks;
    }

    @Override
    public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        if (unitOfWork instanceof BatchingUnitOfWork<?> batch && batch.isFirstMessage()) {
            lock(skusOf(batch.getMessages()), unitOfWork.root());
        }
        return interceptorChain.proceed();
    }

    /** The SKUs of the orders the events belong to, in lock order. */
    SortedSet<String> skusOf(List<? extends Message<?>> events) {
        SortedSet<String> skus = new TreeSet<>();
        for (Message<?> event : events) {
            Object payload = event.getPayload();
            List<OrderLine> lines = payload instanceof OrderPlacedEvent placed ? placed.lines()
                    : OrderIdSequencingPolicy.orderIdOf(payload).flatMap(store::find)
                            .map(OrderSagaState::lines).orElse(List.of());
            lines.forEach(line -> skus.add(line.sku()));
        }
        return skus;
    }

    private void lock(SortedSet<String> skus, UnitOfWork<?> batch) {
        List<Lock> held = new ArrayList<>(skus.size());
        batch.onCleanup(u -> held.forEach(Lock::release));
        for (String sku : skus) {
            held.add(skuLocks.obtainLock(sku));
        }
    }
}
