package com.orderplatform.infra.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.redisson.api.RBucket;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The database is the record (its primary key decides which of many concurrent copies runs); Redis keeps a copy
 * of finished answers so that repeats are answered without touching the database. Redis being down only costs
 * the shortcut.
 */
public class JdbcIdempotencyStore implements IdempotencyStore {

    private static final Logger log = LoggerFactory.getLogger(JdbcIdempotencyStore.class);
    private static final String IN_FLIGHT = "IN_FLIGHT";
    private static final String DONE = "DONE";

    private final JdbcTemplate jdbc;
    private final RedissonClient redisson;
    private final CircuitBreaker redisBreaker;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration cacheFor;

    public JdbcIdempotencyStore(JdbcTemplate jdbc, RedissonClient redisson, CircuitBreaker redisBreaker,
                                ObjectMapper json, Clock clock, Duration cacheFor) {
        this.jdbc = jdbc;
        this.redisson = redisson;
        this.redisBreaker = redisBreaker;
        this.json = json;
        this.clock = clock;
        this.cacheFor = cacheFor;
    }

    @Override
    public Claim claim(String userId, String key, String requestHash) {
        Cached cached = fromCache(userId, key);
        if (cached != null) {
            return cached.requestHash().equals(requestHash) ? new Claim.Answered(cached.response()) : new Claim.Mismatch();
        }
        try {
            jdbc.update("insert into idempotency_key (user_id, idem_key, request_hash, state, created_at) "
                    + "values (?, ?, ?, ?, ?)", userId, key, requestHash, IN_FLIGHT, Timestamp.from(clock.instant()));
            return new Claim.Granted();
        } catch (DuplicateKeyException taken) {
            return existing(userId, key, requestHash);
        }
    }

    private Claim existing(String userId, String key, String requestHash) {
        return recorded(userId, key, requestHash).orElseGet(() -> claim(userId, key, requestHash));
    }

    @Override
    public void record(String userId, String key, String requestHash, StoredResponse response) {
        try {
            jdbc.update("insert into idempotency_key (user_id, idem_key, request_hash, state, response_status, "
                            + "response_type, response_location, response_body, created_at) "
                            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?)", userId, key, requestHash, DONE, response.status(),
                    response.contentType(), response.location(), response.body(), Timestamp.from(clock.instant()));
        } catch (DuplicateKeyException taken) {
            throw new IdempotencyKeyTakenException(userId, key);
        }
    }

    @Override
    public Optional<Claim> recorded(String userId, String key, String requestHash) {
        List<Claim> rows = jdbc.query("select request_hash, state, response_status, response_type, response_location, "
                        + "response_body from idempotency_key where user_id = ? and idem_key = ?",
                (rs, n) -> {
                    if (!rs.getString("request_hash").equals(requestHash)) {
                        return new Claim.Mismatch();
                    }
                    if (IN_FLIGHT.equals(rs.getString("state"))) {
                        return new Claim.InFlight();
                    }
                    return new Claim.Answered(new StoredResponse(rs.getInt("response_status"),
                            rs.getString("response_type"), rs.getString("response_location"),
                            rs.getString("response_body")));
                }, userId, key);
        return rows.stream().findFirst();
    }

    @Override
    public void complete(String userId, String key, String requestHash, StoredResponse response) {
        jdbc.update("update idempotency_key set state = ?, response_status = ?, response_type = ?, "
                        + "response_location = ?, response_body = ? where user_id = ? and idem_key = ?",
                DONE, response.status(), response.contentType(), response.location(), response.body(), userId, key);
        try {
            String value = json.writeValueAsString(new Cached(requestHash, response));
            redisBreaker.executeRunnable(() -> bucket(userId, key).set(value, cacheFor));
        } catch (JsonProcessingException | RuntimeException e) {
            log.debug("Idempotency answer not cached in Redis: {}", e.toString());
        }
    }

    @Override
    public void abandon(String userId, String key) {
        jdbc.update("delete from idempotency_key where user_id = ? and idem_key = ? and state = ?", userId, key, IN_FLIGHT);
    }

    private Cached fromCache(String userId, String key) {
        try {
            String value = redisBreaker.executeSupplier(() -> bucket(userId, key).get());
            return value == null ? null : json.readValue(value, Cached.class);
        } catch (JsonProcessingException | RuntimeException e) {
            log.debug("Idempotency cache unavailable: {}", e.toString());
            return null;
        }
    }

    private RBucket<String> bucket(String userId, String key) {
        return redisson.getBucket(IdempotencyKeys.redisKey(userId, key), StringCodec.INSTANCE);
    }

    record Cached(String requestHash, StoredResponse response) {
    }
}
