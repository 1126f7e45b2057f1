package kr.hiway.gateway.export;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The re-identification risk of one cohort export, measured over the whole cohort before anything
 * is released (k-anonymity over the {@link QuasiIdentifiers}).
 *
 * @param persons the persons with something to release, before suppression
 * @param k the k the export must reach (the profile's, {@code hiway.export.k})
 * @param maxSuppressedShare the share of persons the export may suppress without a review
 * @param smallestClassBefore the smallest equivalence class at the profile's own precision (birth
 *     year), before any generalization or suppression
 * @param uniqueShareBefore the share of persons alone in their class at that precision
 * @param generalization the birth-year generalization chosen
 * @param smallestClass the smallest class at the chosen generalization, before suppression
 * @param uniqueShare the share of persons alone in their class at the chosen generalization
 * @param suppressed the persons left out (in classes smaller than k at the chosen generalization)
 * @param suppressedResources the resources those persons would have been released with
 * @param achievedK the smallest class of what is released (0 if nothing is)
 * @param classes the number of equivalence classes released
 * @param reviewRequired whether reaching k suppresses more than {@code maxSuppressedShare}
 */
record RiskReport(
    int persons,
    int k,
    double maxSuppressedShare,
    int smallestClassBefore,
    double uniqueShareBefore,
    Generalization generalization,
    int smallestClass,
    double uniqueShare,
    int suppressed,
    long suppressedResources,
    int achievedK,
    int classes,
    boolean reviewRequired) {

  double suppressedShare() {
    return persons == 0 ? 0 : (double) suppressed / persons;
  }

  RiskReport withSuppressedResources(long resources) {
    return new RiskReport(
        persons,
        k,
        maxSuppressedShare,
        smallestClassBefore,
        uniqueShareBefore,
        generalization,
        smallestClass,
        uniqueShare,
        suppressed,
        resources,
        achievedK,
        classes,
        reviewRequired);
  }

  /** The report's figures by name, in a stable order: the JSON of the job, ledger and file. */
  Map<String, Object> figures() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("persons", persons);
    out.put("k", k);
    out.put("maxSuppressedShare", maxSuppressedShare);
    out.put("smallestClassBefore", smallestClassBefore);
    out.put("uniqueShareBefore", round(uniqueShareBefore));
    out.put("generalization", generalization.name());
    out.put("smallestClass", smallestClass);
    out.put("uniqueShare", round(uniqueShare));
    out.put("suppressed", suppressed);
    out.put("suppressedShare", round(suppressedShare()));
    out.put("suppressedResources", suppressedResources);
    out.put("achievedK", achievedK);
    out.put("classes", classes);
    out.put("reviewRequired", reviewRequired);
    return out;
  }

  private static double round(double share) {
    return Math.round(share * 10_000) / 10_000.0;
  }
}
