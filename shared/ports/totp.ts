/**
 * TOTP port — layer: ports. RFC 6238 one-time codes (30 s step, 6 digits, SHA-1, as
 * authenticator apps expect).
 */

export interface Totp {
  /** A new base32 secret of 160 bits. */
  generateSecret(): string;
  /** The `otpauth://` URI an authenticator app scans. */
  uri(input: { readonly secret: string; readonly issuer: string; readonly label: string }): string;
  /**
   * The time step (epoch seconds / 30) whose code equals `code`, looking one step either side of
   * `nowMs` (clock drift); undefined when no step matches.
   */
  matchStep(secret: string, code: string, nowMs: number): Promise<number | undefined>;
  /** The code of the step at `nowMs` (tests and tools). */
  generate(secret: string, nowMs: number): Promise<string>;
}
