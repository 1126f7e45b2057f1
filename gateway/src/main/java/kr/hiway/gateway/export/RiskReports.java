package kr.hiway.gateway.export;

import java.util.Map;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/** A {@link RiskReport} as the job, audit and ledger keep it (JSON) and as the export's file. */
final class RiskReports {

  private RiskReports() {}

  /** The figures as one JSON object; every value is a number, a boolean or a plain name. */
  static String json(RiskReport report) {
    StringBuilder out = new StringBuilder("{");
    for (Map.Entry<String, Object> e : report.figures().entrySet()) {
      if (out.length() > 1) {
        out.append(',');
      }
      out.append('"').append(e.getKey()).append("\":");
      Object v = e.getValue();
      out.append(v instanceof String s ? "\"" + s + "\"" : String.valueOf(v));
    }
    return out.append('}').toString();
  }

  /** The report as the FHIR Parameters resource of the export's risk-report file. */
  static Parameters parameters(String json, String jobId) {
    Parameters p = new Parameters();
    p.setId("risk-" + jobId);
    p.addParameter().setName("export").setValue(new StringType(jobId));
    String body = json.substring(1, json.length() - 1);
    for (String pair : body.split(",")) {
      int colon = pair.indexOf(':');
      String name = pair.substring(1, colon - 1);
      String value = pair.substring(colon + 1);
      Parameters.ParametersParameterComponent param = p.addParameter().setName(name);
      if (value.startsWith("\"")) {
        param.setValue(new StringType(value.substring(1, value.length() - 1)));
      } else if (value.equals("true") || value.equals("false")) {
        param.setValue(new BooleanType(Boolean.parseBoolean(value)));
      } else if (value.contains(".") || value.contains("E")) {
        param.setValue(new DecimalType(value));
      } else {
        param.setValue(new IntegerType(Integer.parseInt(value)));
      }
    }
    return p;
  }
}
