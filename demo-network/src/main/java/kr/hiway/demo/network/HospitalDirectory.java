package kr.hiway.demo.network;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import kr.hiway.vocabulary.Hospital;

/** Reads the hospital list shipped with the adapter ({@code hospitals.csv} on the classpath). */
public final class HospitalDirectory {

  private static final String RESOURCE = "/hospitals.csv";
  private static final String HEADER = "code,name_ko,name_en,province,city";

  private HospitalDirectory() {}

  /** The 47 tertiary hospitals, in the file's order. */
  public static List<Hospital> tertiaryHospitals() {
    try (InputStream in = HospitalDirectory.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the classpath");
      }
      return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Hospital> parse(BufferedReader reader) throws IOException {
    String header = reader.readLine();
    if (!HEADER.equals(header)) {
      throw new IllegalArgumentException("hospital list must start with " + HEADER);
    }
    List<Hospital> hospitals = new ArrayList<>();
    Set<String> codes = new HashSet<>();
    String line;
    int number = 1;
    while ((line = reader.readLine()) != null) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      // The names hold no commas, so a plain split is exact for this file.
      String[] f = line.split(",", -1);
      if (f.length != 5) {
        throw new IllegalArgumentException("hospital list line " + number + ": five fields");
      }
      Hospital h =
          new Hospital(f[0].strip(), f[1].strip(), f[2].strip(), f[3].strip(), f[4].strip());
      if (!codes.add(h.code())) {
        throw new IllegalArgumentException("hospital list line " + number + ": duplicate code");
      }
      hospitals.add(h);
    }
    return List.copyOf(hospitals);
  }
}
