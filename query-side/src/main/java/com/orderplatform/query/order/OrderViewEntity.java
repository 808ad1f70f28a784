package com.orderplatform.query.order;

import com.orderplatform.api.order.CancelReason;
import com.orderplatform.api.order.OrderLine;
import com.orderplatform.api.order.OrderStatus;
import com.orderplatform.api.order.OrderView;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Persistable;

/** New views are inserted as such ({@link Persistable}): saving one does not first look it up. */
@Entity
@Table(name = "order_view")
class OrderViewEntity implements Persistable<String> {

    @Id
    @Column(name = "order_id")
    private String orderId;
    @Column(name = "user_id", nullable = false)
    private String userId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private OrderStatus status;
    @Enumerated(EnumType.STRING)
    @Column(name = "cancel_reason")
    private CancelReason cancelReason;
    @Convert(converter = OrderLinesJson.class)
    @Column(name = "items", nullable = false, length = 4000)
    private List<OrderLine> items;
    @Column(name = "total_cents", nullable = false)
    private long totalCents;
    @Column(nullable = false)
    private String currency;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Column(name = "last_sequence", nullable = false)
    private long lastSequence;
    @Column(name = "paid_at")
    private Instant paidAt;
    @Transient
    private boolean created;

    protected OrderViewEntity() {
    }

    OrderViewEntity(String orderId, String userId, List<OrderLine> items, long totalCents, String currency,
                    Instant at, long sequence) {
        this.orderId = orderId;
        placed(userId, items, totalCents, currency, at, sequence);
        this.created = true;
    }

    /** The view as its placement makes it: a new one, or one kept through a replay and now built again. */
    void placed(String userId, List<OrderLine> items, long totalCents, String currency, Instant at, long sequence) {
        this.userId = userId;
        this.items = items;
        this.totalCents = totalCents;
        this.currency = currency;
        this.status = OrderStatus.PENDING;
        this.cancelReason = null;
        this.paidAt = null;
        this.createdAt = at;
        this.updatedAt = at;
        this.lastSequence = sequence;
    }

    /** Kept through a replay's reset, still answering queries with what it was, until its placement comes again. */
    boolean toRebuild() {
        return lastSequence == OrderViewRepository.TO_REBUILD;
    }

    @Override
    public String getId() {
        return orderId;
    }

    @Override
    public boolean isNew() {
        return created;
    }

    @PostPersist
    @PostLoad
    void stored() {
        created = false;
    }

    /** False when the event was already applied: a redelivery changes nothing. */
    boolean advance(long sequence, Instant at) {
        if (sequence <= lastSequence) {
            return false;
        }
        lastSequence = sequence;
        updatedAt = at;
        return true;
    }

    void status(OrderStatus status) {
        this.status = status;
    }

    void paid(Instant at) {
        this.status = OrderStatus.PAID;
        this.paidAt = at;
    }

    void cancelled(CancelReason reason) {
        this.status = OrderStatus.CANCELLED;
        this.cancelReason = reason;
    }

    OrderView toView() {
        return new OrderView(orderId, userId, status, cancelReason, items, totalCents, currency, createdAt, updatedAt);
    }
}
