import { describe, expect, it } from 'vitest';
import { makeCursorCodec } from '../../../../shared/services/paging/cursor.js';
import { InvalidCursorError } from '../../../../shared/services/paging/errors.js';
import { memoryKeyRing } from '../../../helpers/in-memory-conversation-ports.js';

const cursors = makeCursorCodec(memoryKeyRing());
const lastKey = { pk: 'ACC#A#CONV#1', sk: 'META', gsi1pk: 'ACC#A#CONVS#open', gsi1sk: '2026-11-23T10:00:00.000Z#1' };

describe('signed cursors', () => {
  it('gives back the last key for the same account and query', async () => {
    const cursor = await cursors.encode('A', 'conversations|status=open', lastKey);
    expect(await cursors.decode('A', 'conversations|status=open', cursor)).toEqual(lastKey);
  });

  it('is opaque: the account id is not part of the cursor text', async () => {
    const cursor = await cursors.encode('ACCOUNTSECRETID', 'q', { beforeId: 'X' });
    expect(cursor).not.toContain('ACCOUNTSECRETID');
  });

  it('refuses a cursor of another account', async () => {
    const cursor = await cursors.encode('A', 'q', lastKey);
    await expect(cursors.decode('B', 'q', cursor)).rejects.toThrow(InvalidCursorError);
  });

  it('refuses a cursor of another query', async () => {
    const cursor = await cursors.encode('A', 'conversations|status=open', lastKey);
    await expect(cursors.decode('A', 'conversations|status=resolved', cursor)).rejects.toThrow(InvalidCursorError);
  });

  it('refuses a tampered payload or signature, and garbage', async () => {
    const cursor = await cursors.encode('A', 'q', lastKey);
    const [payload, signature] = cursor.split('.') as [string, string];
    const forged = Buffer.from(JSON.stringify({ k: { ...lastKey, pk: 'ACC#B#CONV#1' }, q: 'q' })).toString('base64url');
    await expect(cursors.decode('A', 'q', `${forged}.${signature}`)).rejects.toThrow(InvalidCursorError);
    await expect(cursors.decode('A', 'q', `${payload}.${signature.slice(1)}A`)).rejects.toThrow(InvalidCursorError);
    for (const bad of ['', 'abc', '.', 'a.b.c', 'é.é', 'x'.repeat(5000)]) {
      await expect(cursors.decode('A', 'q', bad)).rejects.toThrow(InvalidCursorError);
    }
  });
});
