import { describe, expect, it } from 'vitest';
import { apiErrorFrom, parseRetryAfter, readableMessage } from '../../../../web/dashboard/src/lib/api-errors.js';
import { avatarHue, initials } from '../../../../web/dashboard/src/lib/avatar.js';

describe('initials', () => {
  it('takes the first and last word of a name', () => {
    expect(initials('Ada King Lovelace')).toBe('AL');
    expect(initials('grace')).toBe('G');
  });

  it('uses the local part of an email and a question mark when nothing is known', () => {
    expect(initials('john.smith@example.com')).toBe('JS');
    expect(initials(undefined)).toBe('?');
    expect(initials('  ')).toBe('?');
  });
});

describe('avatarHue', () => {
  it('is stable for an id and within 0–359', () => {
    expect(avatarHue('01JAGENT')).toBe(avatarHue('01JAGENT'));
    expect(avatarHue('01JAGENT')).toBeGreaterThanOrEqual(0);
    expect(avatarHue('01JAGENT')).toBeLessThan(360);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('42')).toBe(42);
    expect(parseRetryAfter('Tue, 01 Dec 2026 10:00:30 GMT', Date.parse('2026-12-01T10:00:00Z'))).toBe(30);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('apiErrorFrom', () => {
  it('keeps the server message and code', () => {
    const error = apiErrorFrom(401, { error: { code: 'invalid_credentials', message: 'Wrong email or password.' } });
    expect(error).toMatchObject({ status: 401, code: 'invalid_credentials', message: 'Wrong email or password.' });
  });

  it('turns a 429 into a wait the user can read', () => {
    const error = apiErrorFrom(429, { error: { code: 'too_many_attempts', message: 'x' } }, '17');
    expect(error.message).toBe('Too many attempts, try again in 17 s');
    expect(error.retryAfterSeconds).toBe(17);
  });

  it('has a sentence for answers without a body', () => {
    expect(apiErrorFrom(502, undefined).message).toMatch(/went wrong/);
    expect(apiErrorFrom(0, undefined).code).toBe('network_error');
  });
});

describe('readableMessage', () => {
  it('turns a body field error into a sentence', () => {
    expect(readableMessage('body.password: must be at least 8 characters')).toBe('Password must be at least 8 characters.');
    expect(readableMessage('body.accountName: must not be empty')).toBe('Account name must not be empty.');
  });

  it('leaves other messages alone', () => {
    expect(readableMessage('Wrong email or password.')).toBe('Wrong email or password.');
  });
});
