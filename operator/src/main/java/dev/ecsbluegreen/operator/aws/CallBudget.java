package dev.ecsbluegreen.operator.aws;

/** What an AWS call spends before it is sent: a token of the budgets it draws on. */
@FunctionalInterface
interface CallBudget {
  /**
   * Spends a token on {@code operation}, waiting for it if the budget says so.
   *
   * @throws dev.ecsbluegreen.operator.errors.ReleaseException when the call may not be sent now
   */
  void spend(String operation);

  /** This budget, then {@code next}: a call the first turns away spends nothing of the next. */
  default CallBudget then(CallBudget next) {
    return operation -> {
      spend(operation);
      next.spend(operation);
    };
  }
}
