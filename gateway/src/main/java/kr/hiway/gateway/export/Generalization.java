package kr.hiway.gateway.export;

/**
 * How far the birth year is generalized, one step at a time: the year the profile releases, a
 * 5-year band, a 10-year band. Bands are aligned on multiples of their width (1980-1984).
 */
enum Generalization {
  YEAR(1),
  BAND_5(5),
  BAND_10(10);

  private final int width;

  Generalization(int width) {
    this.width = width;
  }

  int width() {
    return width;
  }

  /** The first year of the band holding {@code year}; 0 (unknown) stays 0. */
  int start(int year) {
    return year <= 0 ? 0 : year - Math.floorMod(year, width);
  }

  /** The band as text, for class keys and the report: {@code 1987} or {@code 1985-1989}. */
  String band(int year) {
    if (year <= 0) {
      return "unknown";
    }
    int start = start(year);
    return width == 1 ? Integer.toString(start) : start + "-" + (start + width - 1);
  }
}
