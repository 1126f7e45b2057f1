package kr.hiway.gateway.error;

import kr.hiway.vocabulary.ErrorCode;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * What the request being answered was refused for, noted on the request where the refusal is
 * answered, so that the refusal's audit (which runs once the answer is written) can name the
 * reason, and skip a refusal that was already audited where it was decided. Outside a request (a
 * background job) the notes go nowhere.
 */
public final class Refusals {

  /** The request attribute holding the {@link ErrorCode} of the refusal. */
  public static final String CODE = Refusals.class.getName() + ".code";

  /** The request attribute holding the refusal's message. */
  public static final String MESSAGE = Refusals.class.getName() + ".message";

  /** The request attribute set when the refusal was already audited. */
  public static final String AUDITED = Refusals.class.getName() + ".audited";

  private Refusals() {}

  /** Notes the error this request is answered with. */
  public static void answered(ErrorCode error, String message) {
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    if (request != null) {
      request.setAttribute(CODE, error, RequestAttributes.SCOPE_REQUEST);
      request.setAttribute(MESSAGE, message, RequestAttributes.SCOPE_REQUEST);
    }
  }

  /** Notes that this request's refusal, or its failed access, is in the audit trail already. */
  public static void audited() {
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    if (request != null) {
      request.setAttribute(AUDITED, Boolean.TRUE, RequestAttributes.SCOPE_REQUEST);
    }
  }
}
