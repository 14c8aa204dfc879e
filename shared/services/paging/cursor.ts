/**
 * Signed paging cursors — layer: services.
 *
 * A cursor is `<payload>.<signature>`: the payload is base64url JSON of the listing's last key
 * and the query it belongs to; the signature is the key ring's HMAC (purpose `cursor`) over the
 * account, the query and the payload (SECURITY.md §4). So a cursor cannot be edited, cannot be
 * replayed by another tenant (the account is part of what is signed, never part of the
 * cursor), and cannot be used with another query (another conversation, another filter).
 * Every failure is one {@link InvalidCursorError}, which says nothing about why.
 */
import type { KeyRing } from '../../ports/key-ring.js';
import { InvalidCursorError } from './errors.js';

/** Longest cursor accepted (keys of this table encode to a few hundred characters). */
export const maxCursorLength = 2048;

/** Mints and checks the cursors of one account's listings. */
export interface CursorCodec {
  /**
   * @param query a canonical description of the listing (`conversations|status=open|…`)
   * @param lastKey where the next page starts
   */
  encode(accountId: string, query: string, lastKey: Record<string, unknown>): Promise<string>;
  /** The last key of a cursor minted by {@link CursorCodec.encode} for the same account and query. */
  decode(accountId: string, query: string, cursor: string): Promise<Record<string, unknown>>;
}

function signedData(accountId: string, query: string, payload: string): string {
  return `${accountId}\n${query}\n${payload}`;
}

/**
 * Creates the cursor codec over the key ring.
 *
 * @example
 * const cursor = await cursors.encode(accountId, 'conversations|status=open', page.nextKey);
 * const startKey = await cursors.decode(accountId, 'conversations|status=open', cursor); // or InvalidCursorError
 */
export function makeCursorCodec(keys: KeyRing): CursorCodec {
  return {
    async encode(accountId, query, lastKey) {
      const payload = Buffer.from(JSON.stringify({ k: lastKey, q: query }), 'utf8').toString('base64url');
      const signature = await keys.sign('cursor', signedData(accountId, query, payload));
      return `${payload}.${signature}`;
    },

    async decode(accountId, query, cursor) {
      if (cursor.length === 0 || cursor.length > maxCursorLength) throw new InvalidCursorError();
      const dot = cursor.indexOf('.');
      if (dot <= 0 || dot !== cursor.lastIndexOf('.')) throw new InvalidCursorError();
      const payload = cursor.slice(0, dot);
      const signature = cursor.slice(dot + 1);
      if (!/^[A-Za-z0-9_-]+$/.test(payload) || !/^[A-Za-z0-9_-]+$/.test(signature)) throw new InvalidCursorError();
      if (!(await keys.verify('cursor', signedData(accountId, query, payload), signature))) throw new InvalidCursorError();
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      } catch {
        throw new InvalidCursorError();
      }
      if (typeof parsed !== 'object' || parsed === null) throw new InvalidCursorError();
      const { k, q } = parsed as { k?: unknown; q?: unknown };
      if (q !== query || typeof k !== 'object' || k === null || Array.isArray(k)) throw new InvalidCursorError();
      return k as Record<string, unknown>;
    },
  };
}
