package kr.hiway.consent.ledger;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/** The syntax of C2SP signed notes: text, a blank line, then signature lines. */
final class SignedNote {

  /** What every signature line starts with: an em dash (U+2014) and a space. */
  static final String DASH = "\u2014 ";

  private static final int MAX_SIGNATURES = 100;

  /** One signature line. */
  record Signature(String name, int keyHash, byte[] signature) {}

  /** A note split into its text and its signatures. */
  record Parsed(String text, List<Signature> signatures) {}

  private SignedNote() {}

  /** Throws unless {@code text} is non-empty lines each ending in a newline, without controls. */
  static void checkText(String text) {
    String why = textProblem(text);
    if (why != null) {
      throw new IllegalArgumentException(why);
    }
  }

  static Parsed parse(String note) throws NoteVerificationException {
    if (note == null) {
      throw malformed("no note", "");
    }
    for (int i = 0; i < note.length(); i++) {
      char c = note.charAt(i);
      if ((c < 0x20 && c != '\n') || c == 0x7f || c == '\uFFFD') {
        throw malformed("control or replacement character at " + i, note);
      }
      if (Character.isSurrogate(c)
          && !(Character.isHighSurrogate(c)
              && i + 1 < note.length()
              && Character.isLowSurrogate(note.charAt(++i)))) {
        throw malformed("broken UTF-16 at " + i, note);
      }
    }
    int split = note.lastIndexOf("\n\n");
    if (split < 0) {
      throw malformed("no blank line before the signatures", note);
    }
    String text = note.substring(0, split + 1);
    String why = textProblem(text);
    if (why != null) {
      throw malformed(why, note);
    }
    String block = note.substring(split + 2);
    if (block.isEmpty() || !block.endsWith("\n")) {
      throw malformed("signature block must be non-empty and end with a newline", note);
    }
    String[] lines = block.substring(0, block.length() - 1).split("\n", -1);
    if (lines.length > MAX_SIGNATURES) {
      throw malformed("more than " + MAX_SIGNATURES + " signatures", note);
    }
    List<Signature> signatures = new ArrayList<>(lines.length);
    for (String line : lines) {
      signatures.add(signature(line, note));
    }
    return new Parsed(text, signatures);
  }

  private static Signature signature(String line, String note) throws NoteVerificationException {
    if (!line.startsWith(DASH)) {
      throw malformed("signature line does not start with an em dash: " + line, note);
    }
    String rest = line.substring(DASH.length());
    int space = rest.indexOf(' ');
    if (space <= 0 || rest.indexOf(' ', space + 1) >= 0) {
      throw malformed("signature line is not '— name signature': " + line, note);
    }
    String name = rest.substring(0, space);
    if (!NoteKeys.validName(name)) {
      throw malformed("invalid key name in signature line: " + name, note);
    }
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(rest.substring(space + 1));
    } catch (IllegalArgumentException e) {
      throw malformed("signature is not base64: " + line, note);
    }
    if (blob.length < 5) {
      throw malformed("signature too short: " + line, note);
    }
    int hash =
        ((blob[0] & 0xff) << 24)
            | ((blob[1] & 0xff) << 16)
            | ((blob[2] & 0xff) << 8)
            | (blob[3] & 0xff);
    return new Signature(name, hash, Arrays.copyOfRange(blob, 4, blob.length));
  }

  private static String textProblem(String text) {
    if (text == null || text.isEmpty()) {
      return "note text is empty";
    }
    if (!text.endsWith("\n")) {
      return "note text must end with a newline";
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ((c < 0x20 && c != '\n') || c == 0x7f) {
        return "note text has a control character at " + i;
      }
    }
    return null;
  }

  private static NoteVerificationException malformed(String why, String note) {
    return new NoteVerificationException(
        NoteVerificationException.Reason.MALFORMED, "malformed note: " + why, note);
  }
}
