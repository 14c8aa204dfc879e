/**
 * Problem errors — layer: services. Mapped to HTTP in shared/runtime/http/error-table.ts.
 */

/** The problem does not exist in the caller's account (404). */
export class ProblemNotFoundError extends Error {
  constructor() {
    super('problem not found');
    this.name = 'ProblemNotFoundError';
  }
}

/** The problem is not in a state that allows the action (409 `problem_state`). */
export class ProblemStateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProblemStateError';
  }
}

/** Another change to the problem kept winning; the caller may try again (409 `conflict`). */
export class ProblemConflictError extends Error {
  constructor() {
    super('the problem changed at the same time; try again');
    this.name = 'ProblemConflictError';
  }
}

/** The model gave no usable draft (the job is retried, then reported). */
export class ProblemDraftFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProblemDraftFailedError';
  }
}
