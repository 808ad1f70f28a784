package com.orderplatform.infra.axon;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;

/**
 * Axon's JPA event storage, with a tracking token's gaps read by a query of their own. Axon reads the events after a
 * token that has gaps as {@code index > token OR index IN (gaps)}, and H2 answers that by walking the primary key from
 * its first entry: every read by the event processors cost more as the event table grew. Gaps are common under load
 * (transactions commit out of index order; a rolled-back one leaves a gap for a minute). Two queries — the gaps by
 * their index, then the events after the token — read only the rows they return.
 */
final class GapQueryingJpaEventStorageEngine extends JpaEventStorageEngine {

    private static final String SELECT = "SELECT e.globalIndex, e.type, e.aggregateIdentifier, e.sequenceNumber, "
            + "e.eventIdentifier, e.timeStamp, e.payloadType, e.payloadRevision, e.payload, e.metaData FROM ";

    GapQueryingJpaEventStorageEngine(Builder builder) {
        super(builder);
    }

    @Override
    protected List<Object[]> fetchEvents(GapAwareTrackingToken token) {
        if (token == null || token.getGaps().isEmpty()) {
            return super.fetchEvents(token);
        }
        List<Object[]> filled = entityManager().createQuery(SELECT + domainEventEntryEntityName()
                        + " e WHERE e.globalIndex IN :gaps ORDER BY e.globalIndex ASC", Object[].class)
                .setParameter("gaps", token.getGaps())
                .setMaxResults(batchSize())
                .getResultList();
        if (filled.size() >= batchSize()) {
            return filled;
        }
        List<Object[]> events = new ArrayList<>(filled);
        events.addAll(entityManager().createQuery(SELECT + domainEventEntryEntityName()
                        + " e WHERE e.globalIndex > :token ORDER BY e.globalIndex ASC", Object[].class)
                .setParameter("token", token.getIndex())
                .setMaxResults(batchSize() - filled.size())
                .getResultList());
        return events;
    }
}
