package kr.hiway.gateway.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serial;
import kr.hiway.gateway.error.FhirErrorResponses;
import kr.hiway.vocabulary.ErrorCode;

/**
 * Refuses a request body over {@code max} bytes with 413 ({@code HIW-G019}) before anything reads
 * it: by its {@code Content-Length}, or, for a body sent without one (chunked), by reading at most
 * {@code max + 1} bytes of it first. No parser ever sees more than {@code max} bytes, so a 20 MB
 * body costs the gateway nothing beyond its first megabyte.
 */
final class BodyLimit extends HttpFilter {

  @Serial private static final long serialVersionUID = 1L;

  private final long max;
  private final transient FhirErrorResponses errors;

  BodyLimit(long max, FhirErrorResponses errors) {
    this.max = max;
    this.errors = errors;
  }

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    long declared = request.getContentLengthLong();
    if (declared > max) {
      refuse(response);
      return;
    }
    if (declared < 0 && hasBody(request)) {
      byte[] body =
          request.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
      if (body.length > max) {
        refuse(response);
        return;
      }
      chain.doFilter(new Buffered(request, body), response);
      return;
    }
    chain.doFilter(request, response);
  }

  private static boolean hasBody(HttpServletRequest request) {
    return request.getHeader("Transfer-Encoding") != null;
  }

  private void refuse(HttpServletResponse response) throws IOException {
    // The rest of the body is not read; the connection is closed after the answer.
    response.setHeader("Connection", "close");
    errors.write(
        response,
        ErrorCode.BODY_TOO_LARGE,
        "The request body is larger than " + max + " bytes, the most this server accepts.");
  }

  /** The request with its body already read, for a body that came without a length. */
  private static final class Buffered extends HttpServletRequestWrapper {
    private final byte[] body;

    Buffered(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("a buffered body is read blocking");
        }
      };
    }

    @Override
    public java.io.BufferedReader getReader() {
      return new java.io.BufferedReader(
          new java.io.InputStreamReader(
              new ByteArrayInputStream(body),
              java.nio.charset.Charset.forName(
                  getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding())));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
