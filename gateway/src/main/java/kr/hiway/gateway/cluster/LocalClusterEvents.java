package kr.hiway.gateway.cluster;

import java.util.Objects;
import java.util.function.Consumer;
import kr.hiway.gateway.transaction.AfterCommit;

/**
 * Events within this process only, for the embedded demo database, which no other instance can
 * share. Thread-safe.
 */
final class LocalClusterEvents implements ClusterEvents {

  private final Subscribers subscribers = new Subscribers();

  @Override
  public void publish(Topic topic, String key) {
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(key, "key");
    AfterCommit.run(() -> subscribers.deliver(topic, key));
  }

  @Override
  public void subscribe(Topic topic, Consumer<String> subscriber) {
    subscribers.add(Objects.requireNonNull(topic), Objects.requireNonNull(subscriber));
  }
}
