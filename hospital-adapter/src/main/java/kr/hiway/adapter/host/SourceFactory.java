package kr.hiway.adapter.host;

import kr.hiway.adapter.source.HospitalSource;

/**
 * How {@link AdapterHostMain} gets a hospital's {@link HospitalSource}: the one class a hospital
 * writes besides its source. The host finds it on the class path with {@link
 * java.util.ServiceLoader} (a {@code META-INF/services/kr.hiway.adapter.host.SourceFactory} file in
 * the hospital's jar naming the class), or by the {@code source.factory} setting. It needs a public
 * no-argument constructor.
 *
 * <p>{@link #create} is called once, at start, from one thread.
 */
public interface SourceFactory {

  /**
   * The source to serve, ready to answer.
   *
   * @param settings the hospital code, the linkage key and the {@code source.*} settings; never
   *     null
   * @return never null
   * @throws Exception if the source cannot be made (its database unreachable): the host does not
   *     start
   */
  HospitalSource create(SourceSettings settings) throws Exception;
}
