package kr.hiway.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import kr.hiway.gateway.security.RateLimitProperties.Limit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token buckets (Bucket4j) by key: for a token, a patient, a client, a sign-in address. On
 * PostgreSQL the buckets live in {@code rate_limit_bucket}, shared by every instance, so a limit
 * holds across the fleet; each instance counts locally and shares its count with the database after
 * a tenth of the bucket or {@link RateLimitProperties#sync} at the latest (Bucket4j's delaying
 * optimization), so a request seldom pays a round trip. The fleet as a whole may thus exceed a
 * limit by at most a tenth of the bucket per instance. On the demo's embedded database there is one
 * instance and the buckets are in memory.
 *
 * <p>If the database cannot be asked, each instance limits on its own (in memory) for 5 s before it
 * asks the database again: the limits still hold, per instance, and no request waits for a database
 * that is not answering. Thread-safe.
 */
public final class RateLimits implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RateLimits.class);

  private final PostgreSQLSelectForUpdateBasedProxyManager<String> shared;
  private final Duration sync;
  private final Cache<String, Bucket> buckets =
      Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).maximumSize(200_000).build();
  private final Cache<String, Bucket> local =
      Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).maximumSize(200_000).build();
  private static final long SHARED_RETRY_NANOS = Duration.ofSeconds(5).toNanos();
  private volatile long sharedDownSince = System.nanoTime() - SHARED_RETRY_NANOS;
  private final AtomicLong failedOpen = new AtomicLong();
  private final ScheduledExecutorService cleaner;

  /** Shared through PostgreSQL ({@code dataSource}), or in memory when it is null. */
  RateLimits(DataSource postgres, Duration sync) {
    this.sync = sync;
    this.shared =
        postgres == null
            ? null
            : Bucket4jPostgreSQL.selectForUpdateBasedBuilder(postgres)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_bucket")
                .idColumn("id")
                .stateColumn("state")
                .expiresAtColumn("expires_at")
                .expirationAfterWrite(
                    ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(
                        Duration.ofSeconds(10)))
                .build();
    // Every 5 minutes, the shared buckets that are full again are dropped: nothing to remember.
    this.cleaner =
        shared == null
            ? null
            : Executors.newSingleThreadScheduledExecutor(
                Thread.ofVirtual().name("rate-limit-cleaner").factory());
    if (cleaner != null) {
      cleaner.scheduleWithFixedDelay(this::removeExpiredQuietly, 5, 5, TimeUnit.MINUTES);
    }
  }

  private void removeExpiredQuietly() {
    try {
      removeExpired();
    } catch (RuntimeException e) {
      // The next round tries again; a full bucket's row is harmless meanwhile.
    }
  }

  @Override
  public void close() {
    if (cleaner != null) {
      cleaner.shutdownNow();
    }
  }

  /**
   * Takes one request from the bucket {@code kind:id}; returns 0 if it may go on, else how long
   * until it may ask again.
   */
  public Duration take(String kind, String id, Limit limit) {
    String key = kind + ":" + id;
    if (shared != null && System.nanoTime() - sharedDownSince < SHARED_RETRY_NANOS) {
      return take(local.get(key, k -> localBucket(limit)));
    }
    try {
      return take(buckets.get(key, k -> bucket(k, limit)));
    } catch (RuntimeException e) {
      // The database did not answer: for a while, each instance limits on its own.
      sharedDownSince = System.nanoTime();
      if (failedOpen.getAndIncrement() % 1_000 == 0) {
        log.warn(
            "rate limits could not be shared through the database, each instance limits alone"
                + " for {} s: {}",
            SHARED_RETRY_NANOS / 1_000_000_000L,
            e.toString());
      }
      return take(local.get(key, k -> localBucket(limit)));
    }
  }

  private static Duration take(Bucket bucket) {
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
  }

  private static Bucket localBucket(Limit limit) {
    return Bucket.builder()
        .addLimit(
            l -> l.capacity(limit.burst()).refillGreedy(limit.perMinute(), Duration.ofMinutes(1)))
        .build();
  }

  /** Drops the shared buckets that are full again (no need to remember them); returns how many. */
  int removeExpired() {
    return shared == null ? 0 : shared.removeExpired(1_000);
  }

  private Bucket bucket(String key, Limit limit) {
    BucketConfiguration config =
        BucketConfiguration.builder()
            .addLimit(l ->
                l.capacity(limit.burst()).refillGreedy(limit.perMinute(), Duration.ofMinutes(1)))
            .build();
    if (shared == null) {
      return Bucket.builder()
          .addLimit(
              l -> l.capacity(limit.burst()).refillGreedy(limit.perMinute(), Duration.ofMinutes(1)))
          .build();
    }
    long unsynchronized = Math.max(1, limit.burst() / 10);
    return shared
        .builder()
        .withOptimization(Optimizations.delaying(new DelayParameters(unsynchronized, sync)))
        .build(key, () -> config);
  }
}
