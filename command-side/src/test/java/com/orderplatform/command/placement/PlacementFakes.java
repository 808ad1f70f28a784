package com.orderplatform.command.placement;

import com.orderplatform.api.order.PlaceOrderCommand;
import com.orderplatform.infra.idempotency.Claim;
import com.orderplatform.infra.idempotency.IdempotencyKeyTakenException;
import com.orderplatform.infra.idempotency.IdempotencyStore;
import com.orderplatform.infra.idempotency.InFlightClaims;
import com.orderplatform.infra.idempotency.StoredResponse;
import com.orderplatform.infra.ids.IdGenerator;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** In-memory stand-ins for the ports of {@link OrderPlacement}: each keeps what it was told, for the tests to read. */
final class PlacementFakes {

    private PlacementFakes() {
    }

    /** Ids 101, 102, … whatever the route; the routes asked for, in order. */
    static final class Ids implements IdGenerator {
        final List<Integer> routes = new ArrayList<>();
        private long last = 100;

        @Override
        public synchronized long nextId(int route) {
            routes.add(route);
            return ++last;
        }
    }

    static final class Prices implements Catalogue {

        private final Map<String, Price> prices = new HashMap<>();

        Prices with(String sku, long unitPriceCents, String currency) {
            prices.put(sku, new Price(sku, unitPriceCents, currency));
            return this;
        }

        @Override
        public Optional<Price> priceOf(String sku) {
            return Optional.ofNullable(prices.get(sku));
        }
    }

    /** Units per SKU and a per-customer limit, taken and given back per order as the Redis gate does. */
    static final class Stock implements StockAdmission {

        private final Map<String, Long> available = new HashMap<>();
        private final Map<String, Integer> limits = new HashMap<>();
        private final Map<String, Map<String, Integer>> takenByOrder = new HashMap<>();
        private final Map<String, String> ownerOfOrder = new HashMap<>();
        private final Set<String> flaggedSoldOut = new HashSet<>();
        int admissionsAsked;

        Stock with(String sku, long units, int perUserLimit) {
            available.put(sku, units);
            limits.put(sku, perUserLimit);
            return this;
        }

        Stock flaggedSoldOut(String sku) {
            flaggedSoldOut.add(sku);
            return this;
        }

        long available(String sku) {
            return available.get(sku);
        }

        boolean holdsUnitsOf(String orderId) {
            return takenByOrder.containsKey(orderId);
        }

        @Override
        public boolean knownSoldOut(String sku) {
            return flaggedSoldOut.contains(sku);
        }

        @Override
        public boolean anyKnownSoldOut() {
            return !flaggedSoldOut.isEmpty();
        }

        @Override
        public Admission admit(String orderId, String userId, Map<String, Integer> quantities) {
            admissionsAsked++;
            for (Map.Entry<String, Integer> line : quantities.entrySet()) {
                String sku = line.getKey();
                if (available.get(sku) < line.getValue()) {
                    return Admission.soldOut(sku);
                }
                if (heldBy(userId, sku) + line.getValue() > limits.get(sku)) {
                    return Admission.limitExceeded(sku);
                }
            }
            quantities.forEach((sku, units) -> available.merge(sku, (long) -units, Long::sum));
            takenByOrder.put(orderId, new LinkedHashMap<>(quantities));
            ownerOfOrder.put(orderId, userId);
            return Admission.admitted();
        }

        @Override
        public void release(String orderId, Collection<String> skus) {
            Map<String, Integer> taken = takenByOrder.remove(orderId);
            if (taken != null) {
                taken.forEach((sku, units) -> available.merge(sku, (long) units, Long::sum));
                ownerOfOrder.remove(orderId);
            }
        }

        private int heldBy(String userId, String sku) {
            return takenByOrder.entrySet().stream()
                    .filter(order -> ownerOfOrder.get(order.getKey()).equals(userId))
                    .mapToInt(order -> order.getValue().getOrDefault(sku, 0))
                    .sum();
        }
    }

    /** Stores orders in a list; the work of the same transaction runs first, and a failure stores nothing. */
    static final class Orders implements OrderStore {

        final List<PlaceOrderCommand> stored = new ArrayList<>();
        private RuntimeException failure;

        void failWith(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        public void store(PlaceOrderCommand order, Runnable inTheSameTransaction) {
            if (failure != null) {
                throw failure;
            }
            inTheSameTransaction.run();
            stored.add(order);
        }
    }

    /** Keys in flight, by user and key. */
    static final class Claims implements InFlightClaims {

        private final Map<String, String> holders = new HashMap<>();

        @Override
        public boolean take(String userId, String key, String requestHash) {
            return holders.putIfAbsent(userId + "/" + key, requestHash) == null;
        }

        @Override
        public Optional<String> holderOf(String userId, String key) {
            return Optional.ofNullable(holders.get(userId + "/" + key));
        }

        @Override
        public void drop(String userId, String key) {
            holders.remove(userId + "/" + key);
        }

        boolean isTaken(String userId, String key) {
            return holders.containsKey(userId + "/" + key);
        }
    }

    /** Durable answers, by user and key; only what placement uses of the store. */
    static final class Records implements IdempotencyStore {

        private record Row(String requestHash, StoredResponse response) {
        }

        private final Map<String, Row> rows = new HashMap<>();

        @Override
        public void record(String userId, String key, String requestHash, StoredResponse response) {
            if (rows.putIfAbsent(userId + "/" + key, new Row(requestHash, response)) != null) {
                throw new IdempotencyKeyTakenException(userId, key);
            }
        }

        @Override
        public Optional<Claim> recorded(String userId, String key, String requestHash) {
            return Optional.ofNullable(rows.get(userId + "/" + key)).map(row -> row.requestHash().equals(requestHash)
                    ? new Claim.Answered(row.response())
                    : new Claim.Mismatch());
        }

        int size() {
            return rows.size();
        }

        @Override
        public Claim claim(String userId, String key, String requestHash) {
            throw new UnsupportedOperationException("placement records its key with the order");
        }

        @Override
        public void complete(String userId, String key, String requestHash, StoredResponse response) {
            throw new UnsupportedOperationException("placement records its key with the order");
        }

        @Override
        public void abandon(String userId, String key) {
            throw new UnsupportedOperationException("placement records its key with the order");
        }
    }
}
