/**
 * Bounded JSON parsing — layer: contracts.
 *
 * Enforces SECURITY.md §7 before any schema sees the input: a byte cap and a nesting-depth cap,
 * so hostile input is refused with a clear reason instead of exhausting memory or the stack.
 */

/** Why a body was refused. */
export type JsonRefusal = 'too_large' | 'not_json' | 'too_deep';

/** The result of {@link parseBoundedJson}. */
export type BoundedJson = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: JsonRefusal; readonly message: string };

/** Deepest nesting accepted (SECURITY.md §7). */
export const maxJsonDepth = 32;

function depthOf(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    const next = depth + 1;
    if (next > deepest) deepest = next;
    if (deepest > limit) return deepest;
    for (const child of Object.values(current)) stack.push({ value: child, depth: next });
  }
  return deepest;
}

/**
 * Parses `text` as JSON if it is at most `maxBytes` UTF-8 bytes and at most {@link maxJsonDepth}
 * levels deep.
 */
export function parseBoundedJson(text: string, maxBytes: number): BoundedJson {
  if (Buffer.byteLength(text, 'utf8') > maxBytes) {
    return { ok: false, reason: 'too_large', message: `body exceeds ${maxBytes} bytes` };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'not_json', message: 'body is not valid JSON' };
  }
  if (depthOf(value, maxJsonDepth) > maxJsonDepth) {
    return { ok: false, reason: 'too_deep', message: `JSON nests deeper than ${maxJsonDepth} levels` };
  }
  return { ok: true, value };
}
