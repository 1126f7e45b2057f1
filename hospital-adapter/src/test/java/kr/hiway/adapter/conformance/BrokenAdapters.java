package kr.hiway.adapter.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import kr.hiway.adapter.example.jdbc.SampleEmr;
import kr.hiway.adapter.source.HospitalSource;
import kr.hiway.vocabulary.RecordType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;

/** Adapters with one deliberate fault each, made from a sound source or servlet. */
final class BrokenAdapters {

  private BrokenAdapters() {}

  /** Passes every call through; the faulty sources override what they break. */
  abstract static class Wrapper implements HospitalSource {
    final HospitalSource inner;

    Wrapper(HospitalSource inner) {
      this.inner = inner;
    }

    @Override
    public Optional<Patient> findByLinkageToken(String token) {
      return inner.findByLinkageToken(token);
    }

    @Override
    public Optional<Patient> patient(String id) {
      return inner.patient(id);
    }

    @Override
    public List<Resource> records(String patientId, RecordType type) {
      return inner.records(patientId, type);
    }

    @Override
    public Optional<Resource> read(RecordType type, String id) {
      return inner.read(type, id);
    }
  }

  /** Observations without their required status: invalid FHIR R4. */
  static HospitalSource invalidObservations(HospitalSource inner) {
    return new Wrapper(inner) {
      @Override
      public List<Resource> records(String patientId, RecordType type) {
        List<Resource> records = inner.records(patientId, type);
        records.forEach(BrokenAdapters::dropStatus);
        return records;
      }

      @Override
      public Optional<Resource> read(RecordType type, String id) {
        Optional<Resource> r = inner.read(type, id);
        r.ifPresent(BrokenAdapters::dropStatus);
        return r;
      }
    };
  }

  private static void dropStatus(Resource r) {
    if (r instanceof Observation o) {
      o.setStatus(null);
    }
  }

  /**
   * Records in ascending order on one call and descending on the next: the SPI's stable order
   * broken, as an unordered SQL query would, so pages cut at offsets overlap and miss records.
   */
  static HospitalSource unstableOrder(HospitalSource inner) {
    AtomicInteger calls = new AtomicInteger();
    return new Wrapper(inner) {
      @Override
      public List<Resource> records(String patientId, RecordType type) {
        List<Resource> records = new ArrayList<>(inner.records(patientId, type));
        if (calls.getAndIncrement() % 2 == 1) {
          Collections.reverse(records);
        }
        return records;
      }

      @Override
      public List<Resource> everything(String patientId, Collection<RecordType> types) {
        List<Resource> all = new ArrayList<>(inner.everything(patientId, types));
        if (calls.getAndIncrement() % 2 == 1) {
          Collections.reverse(all);
        }
        return all;
      }
    };
  }

  /** A linkage lookup that takes {@code millis}, as one over a slow master patient index. */
  static HospitalSource slowLinkage(HospitalSource inner, long millis) {
    return new Wrapper(inner) {
      @Override
      public Optional<Patient> findByLinkageToken(String token) {
        try {
          Thread.sleep(millis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return inner.findByLinkageToken(token);
      }
    };
  }

  /**
   * The test person's resident registration number as a Patient identifier, as an adapter that maps
   * its patient master table column for column would return it.
   */
  static HospitalSource nationalIdInPatient(HospitalSource inner) {
    return new Wrapper(inner) {
      @Override
      public Optional<Patient> findByLinkageToken(String token) {
        return inner.findByLinkageToken(token).map(BrokenAdapters::withNationalId);
      }

      @Override
      public Optional<Patient> patient(String id) {
        return inner.patient(id).map(BrokenAdapters::withNationalId);
      }
    };
  }

  private static Patient withNationalId(Patient p) {
    if (p.getIdPart().equals(SampleEmr.TEST_PERSON_MRN)) {
      p.addIdentifier()
          .setSystem("http://www.hl7korea.or.kr/Identifier/rrn")
          .setValue(SampleEmr.TEST_PERSON_RESIDENT_NO);
    }
    return p;
  }

  /** Every Observation's {@code valueQuantity.value} as a JSON string: {@code "value": "7.8"}. */
  static HttpServlet numbersAsStrings(HttpServlet adapter) {
    return new RewrittenJson(
        adapter,
        resource -> {
          if (resource.path("resourceType").asText().equals("Observation")
              && resource.path("valueQuantity").path("value").isNumber()) {
            ObjectNode quantity = (ObjectNode) resource.get("valueQuantity");
            quantity.set("value", TextNode.valueOf(quantity.get("value").asText()));
          }
        });
  }

  /** Every Observation's {@code category}, an array, as its first element: an object. */
  static HttpServlet objectForArray(HttpServlet adapter) {
    return new RewrittenJson(
        adapter,
        resource -> {
          if (resource.path("resourceType").asText().equals("Observation")
              && resource.path("category").isArray()) {
            ((ObjectNode) resource).set("category", resource.get("category").get(0));
          }
        });
  }

  /** The first {@code calls} answers each take {@code millis} longer: a cold start. */
  static HttpServlet slowFirstCalls(HttpServlet adapter, int calls, long millis) {
    AtomicInteger served = new AtomicInteger();
    return new HttpServlet() {
      @Override
      public void init(ServletConfig config) throws ServletException {
        super.init(config);
        adapter.init(config);
      }

      @Override
      protected void service(HttpServletRequest request, HttpServletResponse response)
          throws ServletException, IOException {
        if (served.getAndIncrement() < calls) {
          try {
            Thread.sleep(millis);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        adapter.service(request, response);
      }
    };
  }

  /**
   * A sound adapter whose JSON answers are changed on the way out: every resource in them (the
   * answer, and each Bundle entry's) is passed to {@code change}.
   */
  static final class RewrittenJson extends HttpServlet {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServlet adapter;
    private final Consumer<JsonNode> change;

    RewrittenJson(HttpServlet adapter, Consumer<JsonNode> change) {
      this.adapter = adapter;
      this.change = change;
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
      super.init(config);
      adapter.init(config);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
        throws ServletException, IOException {
      Buffered buffered = new Buffered(response);
      adapter.service(request, buffered);
      byte[] body = buffered.bytes();
      if (response.getContentType() != null && response.getContentType().contains("json")) {
        JsonNode root = JSON.readTree(body);
        change.accept(root);
        for (JsonNode entry : root.path("entry")) {
          if (entry.has("resource")) {
            change.accept(entry.get("resource"));
          }
        }
        body = JSON.writeValueAsBytes(root);
      }
      response.setContentLength(body.length);
      response.getOutputStream().write(body);
    }
  }

  /**
   * A servlet that answers every error as an HTML page, as a web server's default error page would,
   * in front of a sound adapter.
   */
  static final class HtmlErrors extends HttpServlet {

    private final HttpServlet adapter;

    HtmlErrors(HttpServlet adapter) {
      this.adapter = adapter;
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
      super.init(config);
      adapter.init(config);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
        throws ServletException, IOException {
      Buffered buffered = new Buffered(response);
      adapter.service(request, buffered);
      int status = buffered.getStatus();
      if (status >= 400) {
        response.reset();
        response.setStatus(status);
        response.setContentType("text/html;charset=utf-8");
        response.getWriter().write("<html><body><h1>Error " + status + "</h1></body></html>");
      } else {
        response.getOutputStream().write(buffered.bytes());
      }
    }
  }

  /** Holds the body back so that the servlet above can replace it. */
  private static final class Buffered extends HttpServletResponseWrapper {
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private PrintWriter writer;

    Buffered(HttpServletResponse response) {
      super(response);
    }

    @Override
    public ServletOutputStream getOutputStream() {
      return new ServletOutputStream() {
        @Override
        public void write(int b) {
          body.write(b);
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setWriteListener(WriteListener listener) {}
      };
    }

    @Override
    public PrintWriter getWriter() {
      if (writer == null) {
        writer = new PrintWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8));
      }
      return writer;
    }

    @Override
    public void flushBuffer() {}

    byte[] bytes() {
      if (writer != null) {
        writer.flush();
      }
      return body.toByteArray();
    }
  }
}
