import { describe, expect, it, vi } from 'vitest';
import { CiphertextError, makeKeyRing } from '../../../../shared/adapters/crypto/key-ring.js';

const secret = Buffer.alloc(32, 7);

describe('makeKeyRing', () => {
  it('signs with a different key per purpose and verifies only the exact data', async () => {
    const keys = makeKeyRing(async () => secret);

    const cursorSignature = await keys.sign('cursor', 'payload');

    expect(cursorSignature).not.toBe(await keys.sign('visitor-token', 'payload'));
    expect(await keys.verify('cursor', 'payload', cursorSignature)).toBe(true);
    expect(await keys.verify('cursor', 'payload!', cursorSignature)).toBe(false);
    expect(await keys.verify('visitor-token', 'payload', cursorSignature)).toBe(false);
    expect(await keys.verify('cursor', 'payload', cursorSignature.slice(1))).toBe(false);
  });

  it('encrypts with a fresh IV each time and decrypts back', async () => {
    const keys = makeKeyRing(async () => secret);

    const first = await keys.encrypt('totp-secret', 'JBSWY3DPEHPK3PXP');
    const second = await keys.encrypt('totp-secret', 'JBSWY3DPEHPK3PXP');

    expect(first).not.toBe(second);
    expect(first).not.toContain('JBSWY3DPEHPK3PXP');
    expect(await keys.decrypt('totp-secret', first)).toBe('JBSWY3DPEHPK3PXP');
  });

  it('refuses a tampered ciphertext, or one made for another purpose or another secret', async () => {
    const keys = makeKeyRing(async () => secret);
    const sealed = await keys.encrypt('totp-secret', 'secret value');
    const [version, iv, tag, body] = sealed.split('.');
    const flipped = `${version}.${iv}.${tag}.${body!.slice(0, -2)}${body!.endsWith('A') ? 'B' : 'A'}${body!.slice(-1)}`;

    await expect(keys.decrypt('totp-secret', flipped)).rejects.toBeInstanceOf(CiphertextError);
    await expect(keys.decrypt('cursor', sealed)).rejects.toBeInstanceOf(CiphertextError);
    await expect(makeKeyRing(async () => Buffer.alloc(32, 8)).decrypt('totp-secret', sealed)).rejects.toBeInstanceOf(CiphertextError);
    await expect(keys.decrypt('totp-secret', 'not-a-ciphertext')).rejects.toBeInstanceOf(CiphertextError);
  });

  it('loads the app secret once, on first use', async () => {
    const load = vi.fn(async () => secret);
    const keys = makeKeyRing(load);
    expect(load).not.toHaveBeenCalled();

    await Promise.all([keys.sign('cursor', 'a'), keys.sign('invitation', 'b'), keys.encrypt('totp-secret', 'c')]);

    expect(load).toHaveBeenCalledTimes(1);
  });
});
