package kr.hiway.gateway.fanout;

/**
 * Who writes the answer that released records go into. The one name, from the fan-out to the
 * response, for "the gateway writes this answer itself, as plain JSON".
 */
public enum AnswerForm {

  /**
   * The gateway itself, as plain JSON, around each record's bytes: a record that needs nothing
   * decided on its content is never modelled by HAPI at all ({@link ReleasedRecord.Encoded}).
   */
  JSON,

  /** HAPI, from models: XML, {@code _pretty}, a single resource. */
  HAPI
}
