import { describe, expect, it } from 'vitest';
import { maxJsonDepth, parseBoundedJson } from '../../../shared/contracts/safe-json.js';

describe('parseBoundedJson', () => {
  it('parses JSON within the limits', () => {
    expect(parseBoundedJson('{"a":[1,{"b":2}]}', 100)).toEqual({ ok: true, value: { a: [1, { b: 2 }] } });
  });

  it('measures size in UTF-8 bytes, not characters', () => {
    expect(parseBoundedJson('"ééé"', 6)).toMatchObject({ ok: false, reason: 'too_large' });
    expect(parseBoundedJson('"ééé"', 8)).toMatchObject({ ok: true });
  });

  it(`accepts ${maxJsonDepth} levels and refuses one more`, () => {
    const nest = (n: number) => '['.repeat(n) + ']'.repeat(n);
    expect(parseBoundedJson(nest(maxJsonDepth), 1000)).toMatchObject({ ok: true });
    expect(parseBoundedJson(nest(maxJsonDepth + 1), 1000)).toMatchObject({ ok: false, reason: 'too_deep' });
  });

  it('refuses text that is not JSON', () => {
    expect(parseBoundedJson('{', 10)).toMatchObject({ ok: false, reason: 'not_json', message: 'body is not valid JSON' });
  });
});
