package kr.hiway.gateway.fanout;

/**
 * A stretch of one hospital's stably ordered result, asked with {@code _offset} and {@code _count}:
 * what a page of a paged answer needs from that hospital. Immutable.
 *
 * @param offset how many of the hospital's results come before it, at least 0
 * @param count how many results it holds at most, at least 1
 */
public record Window(int offset, int count) {

  public Window {
    if (offset < 0 || count < 1) {
      throw new IllegalArgumentException("a window has offset >= 0 and count >= 1");
    }
  }
}
