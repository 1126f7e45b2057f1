package kr.hiway.gateway.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import javax.net.ssl.SSLContext;

/**
 * One keep-alive HTTP/1.1 connection that sends one prepared GET again and again, as wrk or h2load
 * do: a load generator should cost its machine as little as it can, since here it shares the two
 * cores with what it measures. It reads the status line, the headers, and a body framed by {@code
 * Content-Length} or chunked; it reconnects when the server closes. Not thread-safe: one per
 * client.
 */
final class RawHttp implements AutoCloseable {

  /** One answer: its status and body. */
  record Response(int status, byte[] body) {}

  private final URI uri;
  private final SSLContext tls;
  private final byte[] request;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  RawHttp(URI uri, String token, SSLContext tls) {
    this.uri = uri;
    this.tls = tls;
    String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    this.request =
        ("GET "
                + target
                + " HTTP/1.1\r\nHost: "
                + uri.getHost()
                + ":"
                + uri.getPort()
                + "\r\nAccept: application/fhir+json\r\n"
                + (token.equals("none") ? "" : "Authorization: Bearer " + token + "\r\n")
                + "\r\n")
            .getBytes(StandardCharsets.ISO_8859_1);
  }

  Response send() throws IOException {
    if (socket == null) {
      connect();
    }
    try {
      return exchange();
    } catch (IOException e) {
      // A connection the server closed while idle: once more on a new one.
      close();
      connect();
      return exchange();
    }
  }

  private void connect() throws IOException {
    Socket s = tls == null ? new Socket() : tls.getSocketFactory().createSocket();
    s.setTcpNoDelay(true);
    s.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
    s.setSoTimeout(30_000);
    socket = s;
    in = new BufferedInputStream(s.getInputStream(), 64 * 1024);
    out = s.getOutputStream();
  }

  private Response exchange() throws IOException {
    out.write(request);
    out.flush();
    String status = line();
    int code = Integer.parseInt(status.substring(9, 12));
    long length = -1;
    boolean chunked = false;
    boolean close = false;
    for (String h = line(); !h.isEmpty(); h = line()) {
      int colon = h.indexOf(':');
      String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = h.substring(colon + 1).trim();
      switch (name) {
        case "content-length" -> length = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        case "connection" -> close = value.equalsIgnoreCase("close");
        default -> {}
      }
    }
    byte[] body;
    if (chunked) {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      for (int size = chunkSize(); size > 0; size = chunkSize()) {
        all.write(in.readNBytes(size));
        line();
      }
      while (!line().isEmpty()) {
        // trailers
      }
      body = all.toByteArray();
    } else if (length >= 0) {
      body = in.readNBytes((int) length);
      if (body.length != length) {
        throw new EOFException("body cut short");
      }
    } else {
      body = in.readAllBytes();
      close = true;
    }
    if (close) {
      close();
    }
    return new Response(code, body);
  }

  private int chunkSize() throws IOException {
    String l = line();
    int semicolon = l.indexOf(';');
    return Integer.parseInt((semicolon < 0 ? l : l.substring(0, semicolon)).trim(), 16);
  }

  private String line() throws IOException {
    StringBuilder b = new StringBuilder(64);
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new EOFException("connection closed");
      }
      if (c != '\r') {
        b.append((char) c);
      }
    }
    return b.toString();
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing
      }
      socket = null;
    }
  }
}
