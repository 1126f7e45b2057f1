package kr.hiway.gateway.fanout;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Remembers, per (hospital, linkage token), the person's local patient id there or that they are
 * not a patient there, so that a repeated request needs no linkage lookup.
 *
 * <p>Bounded: when full, expired entries go first, then arbitrary ones (a miss only costs one
 * lookup, so precise LRU is not worth its locking). Thread-safe. Keys hold tokens: never log them.
 *
 * <p>Each instance of a cluster keeps its own, and that is harmless: an entry only says which local
 * patient id a hospital gave a token, which no revocation changes, and it decides no access (the
 * release rules run on every request). At worst a person who has just become a patient at a
 * hospital is reported "not a patient here" until the negative entry expires.
 */
final class LinkageCache {

  /** What a hospital said of a person; {@code localId} is null when not a patient there. */
  record Linkage(String localId) {
    static final Linkage NOT_HERE = new Linkage(null);

    boolean isPatient() {
      return localId != null;
    }
  }

  private record Key(String hospitalCode, String token) {
    @Override
    public String toString() {
      return "Key[" + hospitalCode + "]";
    }
  }

  private record Entry(Linkage linkage, long expiresAt) {}

  private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
  private final int maxSize;
  private final long positiveTtlNanos;
  private final long negativeTtlNanos;
  private final LongSupplier nanoClock;

  LinkageCache(FanOutSettings settings) {
    this(
        settings.linkageCacheSize(),
        settings.linkagePositiveTtl().toNanos(),
        settings.linkageNegativeTtl().toNanos(),
        System::nanoTime);
  }

  LinkageCache(int maxSize, long positiveTtlNanos, long negativeTtlNanos, LongSupplier nanoClock) {
    this.maxSize = maxSize;
    this.positiveTtlNanos = positiveTtlNanos;
    this.negativeTtlNanos = negativeTtlNanos;
    this.nanoClock = nanoClock;
  }

  /** The remembered linkage, or null if none (or expired). */
  Linkage get(String hospitalCode, String token) {
    Key key = new Key(hospitalCode, token);
    Entry entry = entries.get(key);
    if (entry == null) {
      return null;
    }
    if (nanoClock.getAsLong() - entry.expiresAt() >= 0) {
      entries.remove(key, entry);
      return null;
    }
    return entry.linkage();
  }

  void put(String hospitalCode, String token, Linkage linkage) {
    if (entries.size() >= maxSize) {
      makeRoom();
    }
    long ttl = linkage.isPatient() ? positiveTtlNanos : negativeTtlNanos;
    entries.put(new Key(hospitalCode, token), new Entry(linkage, nanoClock.getAsLong() + ttl));
  }

  void invalidate(String hospitalCode, String token) {
    entries.remove(new Key(hospitalCode, token));
  }

  int size() {
    return entries.size();
  }

  private void makeRoom() {
    long now = nanoClock.getAsLong();
    entries.values().removeIf(e -> now - e.expiresAt() >= 0);
    // Free a sixteenth at once, so that a full cache is not swept on every put.
    int target = maxSize - Math.max(1, maxSize / 16);
    Iterator<Key> keys = entries.keySet().iterator();
    while (entries.size() > target && keys.hasNext()) {
      keys.next();
      keys.remove();
    }
  }
}
