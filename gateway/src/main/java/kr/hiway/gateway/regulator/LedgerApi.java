package kr.hiway.gateway.regulator;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import kr.hiway.consent.ledger.CheckpointSigner;
import kr.hiway.consent.ledger.ConsistencyProof;
import kr.hiway.consent.ledger.InclusionProof;
import kr.hiway.consent.ledger.Ledger;
import kr.hiway.consent.ledger.LogEntry;
import kr.hiway.gateway.audit.AuditAction;
import kr.hiway.gateway.error.GatewayException;
import kr.hiway.gateway.ledger.Checkpoints;
import kr.hiway.vocabulary.ErrorCode;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ledger's verification API, in the shape {@code HttpLedgerSource} reads: the latest signed
 * checkpoint and the verifier key (public), entries by range, inclusion proofs by index or leaf
 * hash and consistency proofs (regulators). Hashes are standard base64.
 */
@RestController
@RequestMapping("/ledger")
class LedgerApi {

  private static final MediaType TEXT =
      new MediaType("text", "plain", java.nio.charset.StandardCharsets.UTF_8);

  private final Ledger ledger;
  private final Checkpoints checkpoints;
  private final CheckpointSigner signer;
  private final StaffRequests staff;

  LedgerApi(Ledger ledger, Checkpoints checkpoints, CheckpointSigner signer, StaffRequests staff) {
    this.ledger = ledger;
    this.checkpoints = checkpoints;
    this.signer = signer;
    this.staff = staff;
  }

  /**
   * The latest published checkpoint, a C2SP signed note: with witnesses, the latest one a quorum of
   * them cosigned, with their cosignature lines.
   */
  @GetMapping("/checkpoint")
  ResponseEntity<String> checkpoint() {
    return checkpoints
        .published()
        .map(note ->
            ResponseEntity.ok().contentType(TEXT).cacheControl(CacheControl.noCache()).body(note))
        .orElseThrow(() ->
            new GatewayException(
                ErrorCode.AUDIT_UNAVAILABLE,
                "No checkpoint has been cosigned by the witnesses yet; try again later."));
  }

  /** Signs a checkpoint of the log as it is now. */
  @PostMapping("/checkpoint")
  ResponseEntity<String> issue(HttpServletRequest request) {
    staff.audit(request, AuditAction.CHECKPOINT, 1, "checkpoint on demand");
    return ResponseEntity.ok().contentType(TEXT).body(checkpoints.issue().note());
  }

  /** The note verifier key: {@code <name>+<hash>+<base64 key>}. */
  @GetMapping("/key")
  ResponseEntity<String> key() {
    return ResponseEntity.ok().contentType(TEXT).body(signer.verifierKey() + "\n");
  }

  @GetMapping("/entries")
  List<Map<String, Object>> entries(
      @RequestParam(required = false) String start,
      @RequestParam(required = false) String end,
      HttpServletRequest request) {
    long from = StaffRequests.number("start", start, 0);
    long to = StaffRequests.number("end", end, from);
    long size = ledger.head().size();
    if (to > size) {
      throw StaffRequests.bad("end " + to + " is beyond the log's size " + size);
    }
    List<LogEntry> entries = ledger.entries(from, to);
    staff.audit(request, AuditAction.LEDGER_READ, entries.size(), "ledger entries");
    return entries.stream()
        .map(e -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("index", e.index());
          m.put("leafHash", b64(e.leafHash()));
          m.put("data", b64(e.data()));
          // An entry whose content no longer gives its stored hash was changed in the database.
          m.put(
              "intact",
              java.util.Arrays.equals(kr.hiway.consent.ledger.Hashes.leaf(e.data()), e.leafHash()));
          return m;
        })
        .toList();
  }

  @GetMapping("/proof/inclusion")
  Map<String, Object> inclusion(
      @RequestParam(required = false) String index,
      @RequestParam(required = false) String leafHash,
      @RequestParam(required = false) String treeSize,
      HttpServletRequest request) {
    long size = withinLog("treeSize", StaffRequests.number("treeSize", treeSize, 1));
    if ((index == null) == (leafHash == null)) {
      throw StaffRequests.bad("give either index or leafHash");
    }
    InclusionProof proof;
    if (index != null) {
      long i = StaffRequests.number("index", index, 0);
      if (i >= size) {
        throw StaffRequests.bad("index " + i + " is not below treeSize " + size);
      }
      proof = ledger.inclusionProof(i, size);
    } else {
      byte[] hash;
      try {
        hash = Base64.getUrlDecoder().decode(leafHash);
      } catch (IllegalArgumentException e) {
        throw StaffRequests.bad("leafHash must be base64url");
      }
      if (hash.length != 32) {
        throw StaffRequests.bad("leafHash must be a 32-byte SHA-256 hash");
      }
      proof =
          ledger
              .inclusionProofByLeafHash(hash, size)
              .orElseThrow(() ->
                  new GatewayException(
                      ErrorCode.NOT_FOUND,
                      "No entry with that leaf hash in the tree of size " + size + "."));
    }
    staff.audit(request, AuditAction.LEDGER_READ, 1, "inclusion proof");
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("leafIndex", proof.leafIndex());
    m.put("treeSize", proof.treeSize());
    m.put("path", proof.path().stream().map(LedgerApi::b64).toList());
    return m;
  }

  @GetMapping("/proof/consistency")
  Map<String, Object> consistency(
      @RequestParam(required = false) String first,
      @RequestParam(required = false) String second,
      HttpServletRequest request) {
    long m = StaffRequests.number("first", first, 0);
    long n = withinLog("second", StaffRequests.number("second", second, m));
    ConsistencyProof proof = ledger.consistencyProof(m, n);
    staff.audit(request, AuditAction.LEDGER_READ, 1, "consistency proof");
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("first", proof.first());
    out.put("second", proof.second());
    out.put("path", proof.path().stream().map(LedgerApi::b64).toList());
    return out;
  }

  private long withinLog(String name, long size) {
    long current = ledger.head().size();
    if (size > current) {
      throw StaffRequests.bad(name + " " + size + " is beyond the log's size " + current);
    }
    return size;
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
