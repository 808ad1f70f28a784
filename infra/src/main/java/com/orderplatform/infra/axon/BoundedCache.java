package com.orderplatform.infra.axon;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.UnaryOperator;
import org.axonframework.common.Registration;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;

/**
 * An aggregate cache of at most {@code capacity} entries, the least recently used leaving first. Axon's
 * {@code WeakReferenceCache} loses its entries at every young collection, so under load an aggregate was usually
 * gone again by its next command and rebuilt from the event store (a hot SKU from its snapshot, every holding
 * included). With several instances a stale entry cannot win: its append fails on the event store's
 * (aggregate id, sequence) key, and Axon drops the entry when the unit of work rolls back; {@link AggregateLocks}
 * drops it before that, when the event store has moved on past it.
 */
public final class BoundedCache implements Cache {

    private final Map<Object, Object> entries;
    private final Set<EntryListener> listeners = new CopyOnWriteArraySet<>();

    public BoundedCache(int capacity) {
        this.entries = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, Object> eldest) {
                if (size() <= capacity) {
                    return false;
                }
                listeners.forEach(listener -> listener.onEntryExpired(eldest.getKey()));
                return true;
            }
        };
    }

    /**
     * The sequence number of the last event the cached aggregate has applied, or null when it is not cached. Axon's
     * {@code AggregateCacheEntry} keeps it in a private field and shows it to no one, so it is read reflectively.
     */
    public synchronized Long version(Object key) {
        Object entry = entries.get(key);
        if (!(entry instanceof AggregateCacheEntry<?>)) {
            return null;
        }
        try {
            return (Long) VERSION.get(entry);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final java.lang.reflect.Field VERSION = versionField();

    private static java.lang.reflect.Field versionField() {
        try {
            java.lang.reflect.Field field = AggregateCacheEntry.class.getDeclaredField("version");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("Axon's AggregateCacheEntry has no version field any more", e);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <K, V> V get(K key) {
        V value = (V) entries.get(key);
        if (value != null) {
            listeners.forEach(listener -> listener.onEntryRead(key, value));
        }
        return value;
    }

    @Override
    public synchronized void put(Object key, Object value) {
        if (value == null) {
            throw new IllegalArgumentException("Null values not supported");
        }
        boolean created = entries.put(key, value) == null;
        listeners.forEach(listener -> {
            if (created) {
                listener.onEntryCreated(key, value);
            } else {
                listener.onEntryUpdated(key, value);
            }
        });
    }

    @Override
    public synchronized boolean putIfAbsent(Object key, Object value) {
        if (entries.containsKey(key)) {
            return false;
        }
        put(key, value);
        return true;
    }

    @Override
    public synchronized boolean remove(Object key) {
        if (entries.remove(key) == null) {
            return false;
        }
        listeners.forEach(listener -> listener.onEntryRemoved(key));
        return true;
    }

    @Override
    public synchronized void removeAll() {
        Set.copyOf(entries.keySet()).forEach(this::remove);
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <V> void computeIfPresent(Object key, UnaryOperator<V> update) {
        V value = (V) entries.get(key);
        if (value == null) {
            return;
        }
        V updated = update.apply(value);
        if (updated == null) {
            remove(key);
        } else {
            put(key, updated);
        }
    }

    @Override
    public synchronized boolean containsKey(Object key) {
        return entries.containsKey(key);
    }

    @Override
    public Registration registerCacheEntryListener(EntryListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
