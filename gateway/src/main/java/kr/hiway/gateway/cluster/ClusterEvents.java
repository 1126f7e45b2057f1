package kr.hiway.gateway.cluster;

import java.util.function.Consumer;

/**
 * Changes every gateway instance must see at once, such as a revoked grant. An event published
 * inside a transaction is delivered only if and when that transaction commits, to every instance,
 * the publishing one included; one published outside a transaction is delivered at once.
 *
 * <p>Delivery is at least once while an instance is connected; an instance that lost its connection
 * hears {@link Topic#RESET} once it is back, and must then drop or reload everything it keeps.
 * Subscribers are called on a background thread, must be quick, thread-safe and idempotent.
 * Implementations are thread-safe; no argument may be null.
 */
public interface ClusterEvents {

  /** Announces a change; see the class comment for when it is delivered. */
  void publish(Topic topic, String key);

  /** Calls {@code subscriber} with the key of every event of {@code topic}, and on every reset. */
  void subscribe(Topic topic, Consumer<String> subscriber);
}
