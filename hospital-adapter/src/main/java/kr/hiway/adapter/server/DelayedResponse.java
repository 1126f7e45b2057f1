package kr.hiway.adapter.server;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Holds a response's body back until it is released, so that a simulated hospital answers after its
 * configured latency in total, whatever part of it the answer itself took to compute.
 */
final class DelayedResponse extends HttpServletResponseWrapper {

  private final ByteArrayOutputStream body = new ByteArrayOutputStream(16 * 1024);
  private ServletOutputStream stream;
  private PrintWriter writer;

  DelayedResponse(HttpServletResponse response) {
    super(response);
  }

  @Override
  public ServletOutputStream getOutputStream() {
    if (stream == null) {
      stream =
          new ServletOutputStream() {
            @Override
            public void write(int b) {
              body.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
              body.write(b, off, len);
            }

            @Override
            public boolean isReady() {
              return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
              throw new UnsupportedOperationException("blocking only");
            }
          };
    }
    return stream;
  }

  @Override
  public PrintWriter getWriter() {
    if (writer == null) {
      String charset = getCharacterEncoding();
      writer =
          new PrintWriter(
              new OutputStreamWriter(
                  getOutputStream(),
                  charset == null
                      ? StandardCharsets.UTF_8
                      : java.nio.charset.Charset.forName(charset)));
    }
    return writer;
  }

  @Override
  public void flushBuffer() {
    // Nothing goes out before release().
  }

  /** Sends what was written. */
  void release() throws IOException {
    if (writer != null) {
      writer.flush();
    }
    HttpServletResponse real = (HttpServletResponse) getResponse();
    real.setContentLength(body.size());
    body.writeTo(real.getOutputStream());
    real.flushBuffer();
  }
}
