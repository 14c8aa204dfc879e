import { describe, expect, it } from 'vitest';
import { makeArgon2PasswordHasher } from '../../../../shared/adapters/crypto/argon2-password-hasher.js';

describe('Argon2id password hasher', () => {
  const hasher = makeArgon2PasswordHasher();

  it('stores a PHC string with the parameters of SECURITY.md §5', async () => {
    const phc = await hasher.hash('correct horse battery staple');
    expect(phc).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const phc = await hasher.hash('correct horse battery staple');
    expect(await hasher.verify(phc, 'correct horse battery staple')).toBe(true);
    expect(await hasher.verify(phc, 'Correct horse battery staple')).toBe(false);
  });

  it('answers false, not an exception, for a corrupt hash', async () => {
    expect(await hasher.verify('not-a-phc-string', 'x')).toBe(false);
  });
});
