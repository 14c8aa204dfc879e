/**
 * Key ring port — layer: ports.
 *
 * The application's secret keys, derived per purpose from one app secret (Secrets Manager in
 * AWS, a generated local secret on the laptop), so a key leaked for one purpose (say, cursor
 * signing) cannot forge another (say, visitor tokens). Methods are async because the secret is
 * fetched once per cold start.
 */

/** Names what a derived key is used for; each purpose gets its own key. */
export type KeyPurpose = 'cursor' | 'visitor-token' | 'totp-secret' | 'invitation' | (string & {});

export interface KeyRing {
  /** base64url HMAC-SHA256 of `data` under the purpose's key. */
  sign(purpose: KeyPurpose, data: string): Promise<string>;
  /** Constant-time check of a {@link KeyRing.sign} signature. */
  verify(purpose: KeyPurpose, data: string, signature: string): Promise<boolean>;
  /** AES-256-GCM encryption under the purpose's key; the result is a self-contained string. */
  encrypt(purpose: KeyPurpose, plaintext: string): Promise<string>;
  /** Decrypts {@link KeyRing.encrypt}'s output; throws on tampering. */
  decrypt(purpose: KeyPurpose, ciphertext: string): Promise<string>;
}
