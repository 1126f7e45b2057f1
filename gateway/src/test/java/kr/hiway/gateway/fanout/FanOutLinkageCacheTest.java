package kr.hiway.gateway.fanout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import kr.hiway.gateway.fanout.LinkageCache.Linkage;
import org.junit.jupiter.api.Test;

class FanOutLinkageCacheTest {

  final AtomicLong now = new AtomicLong(1_000);
  final LinkageCache cache =
      new LinkageCache(100, TimeUnit.MINUTES.toNanos(10), TimeUnit.MINUTES.toNanos(2), now::get);

  @Test
  void getWhenPositiveThenKeptForItsTtl() {
    cache.put("snuh", "t1", new Linkage("P1"));

    now.addAndGet(TimeUnit.MINUTES.toNanos(9));
    assertThat(cache.get("snuh", "t1")).isEqualTo(new Linkage("P1"));
    assertThat(cache.get("amc", "t1")).isNull();
    now.addAndGet(TimeUnit.MINUTES.toNanos(1));
    assertThat(cache.get("snuh", "t1")).isNull();
  }

  @Test
  void getWhenNegativeThenKeptForTheShorterTtl() {
    cache.put("snuh", "t1", Linkage.NOT_HERE);

    now.addAndGet(TimeUnit.SECONDS.toNanos(119));
    assertThat(cache.get("snuh", "t1")).isEqualTo(Linkage.NOT_HERE);
    now.addAndGet(TimeUnit.SECONDS.toNanos(1));
    assertThat(cache.get("snuh", "t1")).isNull();
  }

  @Test
  void invalidateWhenCachedThenGone() {
    cache.put("snuh", "t1", new Linkage("P1"));

    cache.invalidate("snuh", "t1");

    assertThat(cache.get("snuh", "t1")).isNull();
  }

  @Test
  void putWhenFullThenBoundedAndNewestKept() {
    for (int i = 0; i < 1_000; i++) {
      cache.put("snuh", "t" + i, new Linkage("P" + i));
      assertThat(cache.size()).isLessThanOrEqualTo(100);
    }
    assertThat(cache.get("snuh", "t999")).isEqualTo(new Linkage("P999"));
  }
}
