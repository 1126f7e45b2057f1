package kr.hiway.gateway.fanout;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serial;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body up to a limit, and gives up (closing the connection) as soon as the
 * limit is passed rather than buffering whatever a hospital sends. With a limit of -1 it reads
 * nothing at all: for answers whose body is not wanted.
 *
 * <p>The HTTP client calls one subscriber from one thread at a time, as reactive streams require.
 */
final class BoundedBody implements BodySubscriber<byte[]> {

  /** The body was larger than the limit. */
  static final class TooLarge extends IOException {
    @Serial private static final long serialVersionUID = 1L;

    TooLarge() {
      super("response body too large", null);
    }
  }

  private static final byte[] NOTHING = new byte[0];

  private final long limit;
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private Flow.Subscription subscription;

  BoundedBody(long limit) {
    this.limit = limit;
  }

  static BoundedBody ignoring() {
    return new BoundedBody(-1);
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (limit < 0) {
      s.cancel();
      result.complete(NOTHING);
    } else {
      s.request(Long.MAX_VALUE);
    }
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer item : items) {
      if (buffer.size() + (long) item.remaining() > limit) {
        subscription.cancel();
        result.completeExceptionally(new TooLarge());
        return;
      }
      byte[] bytes = new byte[item.remaining()];
      item.get(bytes);
      buffer.writeBytes(bytes);
    }
  }

  @Override
  public void onError(Throwable t) {
    result.completeExceptionally(t);
  }

  @Override
  public void onComplete() {
    result.complete(buffer.toByteArray());
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }
}
