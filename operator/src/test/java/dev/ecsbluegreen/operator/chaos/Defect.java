package dev.ecsbluegreen.operator.chaos;

/** One thing the audit found wrong, about one release. */
record Defect(Kind kind, String release, String detail) {

  enum Kind {
    /** More than one deployment for one attempt (release, generation, retry). */
    DUPLICATE_DEPLOYMENT,
    /** More than one task definition revision for one release and content. */
    DUPLICATE_REVISION,
    /** The release ended, but not in the phase its configuration must end in. */
    WRONG_PHASE,
    /** The release had not ended when the run's time was up. */
    UNFINISHED,
    /** The status says something AWS contradicts. */
    STATUS_MISMATCH
  }

  @Override
  public String toString() {
    return kind + " " + release + ": " + detail;
  }
}
