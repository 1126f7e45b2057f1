package kr.hiway.gateway.export;

/**
 * What of one released person an outsider may know and look up: the quasi-identifiers of the
 * released Patient (birth year, gender, province). A missing value is its own value ("unknown"), as
 * an outsider sees it.
 *
 * @param birthYear the year of birth, or 0 if the Patient carries none
 * @param gender the administrative gender code, or "unknown"
 * @param province the address state (province), or "unknown"
 */
record QuasiIdentifiers(int birthYear, String gender, String province) {

  QuasiIdentifiers {
    gender = gender == null || gender.isBlank() ? "unknown" : gender;
    province = province == null || province.isBlank() ? "unknown" : province;
  }

  /** The equivalence class key at a generalization level of the birth year. */
  String classKey(Generalization level) {
    return level.band(birthYear) + "|" + gender + "|" + province;
  }
}
