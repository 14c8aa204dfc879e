/**
 * classifySendResponse: which provider answers are retried (SECURITY.md §3).
 */
import { describe, expect, it } from 'vitest';
import { classifySendError, classifySendResponse, retryAfterSeconds } from '../../../../shared/adapters/channels/classify.js';

describe('classifySendResponse', () => {
  it('retries 408, 429, 500, 502, 503 and 504', () => {
    for (const status of [408, 429, 500, 502, 503, 504]) expect(classifySendResponse(status, new Headers(), 'x').kind).toBe('retry');
  });

  it('fails any other 4xx, and 501, with the reason', () => {
    expect(classifySendResponse(400, new Headers(), 'invalid To')).toEqual({ kind: 'failed', reason: 'HTTP 400: invalid To' });
    for (const status of [401, 403, 404, 409, 422, 501]) expect(classifySendResponse(status, new Headers(), 'x').kind).toBe('failed');
  });

  it('reads Retry-After in seconds or as an HTTP date', () => {
    expect(classifySendResponse(429, new Headers({ 'retry-after': '30' }), 'slow down')).toEqual({ kind: 'retry', reason: 'HTTP 429: slow down', retryAfterSeconds: 30 });
    expect(retryAfterSeconds('Wed, 21 Oct 2026 07:28:10 GMT', Date.parse('Wed, 21 Oct 2026 07:28:00 GMT'))).toBe(10);
    expect(retryAfterSeconds('soon')).toBeUndefined();
    expect(classifySendResponse(503, { 'Retry-After': '5' }, '').kind === 'retry' && classifySendResponse(503, { 'Retry-After': '5' }, '')).toMatchObject({ retryAfterSeconds: 5 });
  });

  it('retries network errors and timeouts', () => {
    expect(classifySendError(Object.assign(new Error('t'), { name: 'TimeoutError' }))).toEqual({ kind: 'retry', reason: 'provider timed out' });
    expect(classifySendError(new TypeError('fetch failed')).kind).toBe('retry');
  });
});
