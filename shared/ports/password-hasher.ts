/**
 * Password hashing port — layer: ports.
 */

/** Hashes and verifies agents' passwords (PHC strings). */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** True when `password` matches `phc`; never throws for a wrong password. */
  verify(phc: string, password: string): Promise<boolean>;
}
