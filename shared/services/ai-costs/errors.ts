/**
 * AI settings and cost errors — layer: services. Mapped to HTTP in shared/runtime/http/error-table.ts.
 */

/** AI settings that do not hold together once merged with the stored ones (400). */
export class AiSettingsInvalidError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AiSettingsInvalidError';
  }
}

/** A cost query the ledger cannot answer (a range too long or backwards) (400). */
export class CostRangeInvalidError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CostRangeInvalidError';
  }
}

/** The account does not exist (its session outlived it) (404). */
export class AccountNotFoundError extends Error {
  constructor() {
    super('account not found');
    this.name = 'AccountNotFoundError';
  }
}
