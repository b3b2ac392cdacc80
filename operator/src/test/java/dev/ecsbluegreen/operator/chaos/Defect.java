package dev.ecsbluegreen.operator.chaos;

/** One thing the audit found wrong, about one release. */
record Defect(Kind kind, String release, String detail) {

  enum Kind {
    /** More than one deployment for one attempt (release, generation, retry). */
    DUPLICATE_DEPLOYMENT,
    /** More than one task definition revision for one release and content. */
    DUPLICATE_REVISION,
    /** The release did not end in the phase its configuration must end in. */
    WRONG_PHASE,
    /** The status says something AWS contradicts. */
    STATUS_MISMATCH
  }

  @Override
  public String toString() {
    return kind + " " + release + ": " + detail;
  }
}
