package kr.hiway.adapter.example.jdbc;

import kr.hiway.adapter.host.SourceFactory;
import kr.hiway.adapter.host.SourceSettings;
import kr.hiway.adapter.source.HospitalSource;

/**
 * The sample EMR for {@link kr.hiway.adapter.host.AdapterHostMain}: {@code
 * source.factory=kr.hiway.adapter.example.jdbc.SampleEmrSourceFactory} serves it with no code, to
 * try the host and the conformance kit before a hospital's own source exists. A hospital's factory
 * does the same with its own {@code DataSource}, from {@code source.*} settings.
 */
public final class SampleEmrSourceFactory implements SourceFactory {

  @Override
  public HospitalSource create(SourceSettings settings) throws Exception {
    return new JdbcHospitalSource(SampleEmr.create(), settings.hospitalCode(), settings.linkage());
  }
}
