/**
 * Auth errors — layer: services. Mapped to HTTP in shared/runtime/http/error-table.ts.
 *
 * Messages are written for the caller and never say which part of a credential was wrong.
 */

/** No valid session: missing, unknown, expired (idle or absolute) or revoked, or a disabled agent. */
export class UnauthenticatedError extends Error {
  override readonly name = 'UnauthenticatedError';
  constructor(message = 'Sign in to continue.') {
    super(message);
  }
}

/** Wrong email or password (or MFA token / code); the same answer whichever part was wrong. */
export class InvalidCredentialsError extends Error {
  override readonly name = 'InvalidCredentialsError';
  constructor(message = 'The email or password is wrong.') {
    super(message);
  }
}

/** Too many failed attempts; `retryAfterSeconds` becomes the `Retry-After` header. */
export class TooManyAttemptsError extends Error {
  override readonly name = 'TooManyAttemptsError';
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many failed attempts. Try again in ${retryAfterSeconds} seconds.`);
  }
}

/** A TOTP code of a time step that was already used (RFC 6238 §5.2: refuse replays). */
export class CodeReusedError extends Error {
  override readonly name = 'CodeReusedError';
  constructor() {
    super('This code was already used. Wait for the next one.');
  }
}

/** The caller's role may not do this. */
export class ForbiddenError extends Error {
  override readonly name = 'ForbiddenError';
  constructor(message = 'Your role does not allow this.') {
    super(message);
  }
}

/** The session may only enrol MFA until the agent has done so (the account requires MFA). */
export class MfaEnrolmentRequiredError extends Error {
  override readonly name = 'MfaEnrolmentRequiredError';
  constructor() {
    super('Your account requires two-factor authentication: set it up first.');
  }
}

/** MFA cannot be turned off while the account requires it. */
export class MfaRequiredByAccountError extends Error {
  override readonly name = 'MfaRequiredByAccountError';
  constructor() {
    super('Your account requires two-factor authentication; it cannot be turned off.');
  }
}

/** MFA is not in the state the operation needs (e.g. enabling before setting up). */
export class MfaStateError extends Error {
  override readonly name = 'MfaStateError';
}

/** An invitation token that is unknown, used or expired (one answer for all three). */
export class InvitationInvalidError extends Error {
  override readonly name = 'InvitationInvalidError';
  constructor() {
    super('This invitation is invalid or has expired.');
  }
}

/** An agent of the caller's account that does not exist (or belongs to another tenant). */
export class AgentNotFoundError extends Error {
  override readonly name = 'AgentNotFoundError';
  constructor() {
    super('agent not found');
  }
}

/** An admin may not demote or disable themself (the account would risk having no admin). */
export class SelfChangeError extends Error {
  override readonly name = 'SelfChangeError';
  constructor() {
    super('You cannot change your own role or disable yourself.');
  }
}

/** The email already signs in to an agent (emails are unique across tenants). */
export class EmailAlreadyRegisteredError extends Error {
  override readonly name = 'EmailAlreadyRegisteredError';
  constructor() {
    super('This email address is already used by an agent.');
  }
}
