package dev.ecsbluegreen.operator.aws;

/** What an AWS call spends before it is sent: a token of the budgets it draws on. */
interface CallBudget {
  /**
   * Spends a token on {@code operation}, waiting for it if the budget says so.
   *
   * @param releaseUid the release the call is for, when its caller names one; else null
   * @throws dev.ecsbluegreen.operator.errors.ReleaseException when the call may not be sent now
   */
  void spend(String operation, String releaseUid);

  /**
   * The token {@link #spend} took was not used: a budget after this one turned the call away, so it
   * was never sent. A budget that keeps tokens for their releases keeps this one too.
   */
  default void unspent(String operation, String releaseUid) {}

  /** This budget, then {@code next}: a call the first turns away spends nothing of the next. */
  default CallBudget then(CallBudget next) {
    CallBudget first = this;
    return new CallBudget() {
      @Override
      public void spend(String operation, String releaseUid) {
        first.spend(operation, releaseUid);
        try {
          next.spend(operation, releaseUid);
        } catch (RuntimeException notSent) {
          first.unspent(operation, releaseUid);
          throw notSent;
        }
      }

      @Override
      public void unspent(String operation, String releaseUid) {
        next.unspent(operation, releaseUid);
        first.unspent(operation, releaseUid);
      }
    };
  }
}
