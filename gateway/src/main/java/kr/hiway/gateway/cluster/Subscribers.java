package kr.hiway.gateway.cluster;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The subscribers of each topic, and delivery to them. Thread-safe. */
final class Subscribers {

  private static final Logger log = LoggerFactory.getLogger(Subscribers.class);

  private final Map<Topic, List<Consumer<String>>> byTopic = new EnumMap<>(Topic.class);

  Subscribers() {
    for (Topic t : Topic.values()) {
      byTopic.put(t, new CopyOnWriteArrayList<>());
    }
  }

  void add(Topic topic, Consumer<String> subscriber) {
    byTopic.get(topic).add(subscriber);
  }

  /** Delivers one event; a reset goes to every subscriber of every topic. */
  void deliver(Topic topic, String key) {
    if (topic == Topic.RESET) {
      byTopic.forEach((t, subscribers) -> subscribers.forEach(s -> call(s, t, key)));
    } else {
      byTopic.get(topic).forEach(s -> call(s, topic, key));
    }
  }

  private static void call(Consumer<String> subscriber, Topic topic, String key) {
    try {
      subscriber.accept(key);
    } catch (RuntimeException e) {
      // One failing cache must not keep the others from hearing the change.
      log.error("a subscriber of {} failed", topic, e);
    }
  }
}
