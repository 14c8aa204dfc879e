import { describe, expect, it } from 'vitest';
import {
  checkAttachmentLimits, makeCreateAttachmentUpload, makeResolveVisitorAttachments, makeSignAttachmentUrls, maxAttachmentBytes, safeFileName,
} from '../../../../shared/services/widget/attachments.js';
import { newId } from '../../../helpers/fixtures.js';
import { fixedClock, sequentialIds } from '../../../helpers/in-memory-ports.js';
import { memoryWidgetStore, recordingStorage } from '../../../helpers/widget-memory-ports.js';

function setup() {
  const store = memoryWidgetStore();
  const storage = recordingStorage();
  const upload = makeCreateAttachmentUpload({ attachments: store.attachments, storage, clock: fixedClock(), ids: sequentialIds() });
  const resolve = makeResolveVisitorAttachments(store);
  const visitor = { accountId: newId(), inboxId: newId(), contactId: newId() };
  return { store, storage, upload, resolve, visitor };
}

describe('checkAttachmentLimits', () => {
  it('accepts images, PDF and plain text up to 10 MB', () => {
    for (const type of ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain', 'text/plain; charset=utf-8', 'IMAGE/PNG']) {
      expect(() => checkAttachmentLimits(type, maxAttachmentBytes)).not.toThrow();
    }
  });

  it('refuses a file over 10 MB with a message naming the limit', () => {
    expect(() => checkAttachmentLimits('image/png', maxAttachmentBytes + 1)).toThrow(expect.objectContaining({ name: 'AttachmentTooLargeError', message: expect.stringContaining('10 MB') }));
  });

  it('refuses other types (HTML, SVG, executables)', () => {
    for (const type of ['text/html', 'image/svg+xml', 'application/x-msdownload', '']) {
      expect(() => checkAttachmentLimits(type, 10)).toThrow(expect.objectContaining({ name: 'AttachmentTypeNotAllowedError' }));
    }
  });
});

describe('safeFileName', () => {
  it('keeps a plain name and strips paths and odd characters', () => {
    expect(safeFileName('receipt 2026.pdf')).toBe('receipt 2026.pdf');
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\a\\photo<1>.png')).toBe('photo_1_.png');
    expect(safeFileName('...')).toBe('file');
  });
});

describe('createAttachmentUpload', () => {
  it('records the upload under the visitor and presigns a PUT of exactly that type and size', async () => {
    const { upload, store, storage, visitor } = setup();
    const result = await upload({ ...visitor, fileName: 'photo.png', contentType: 'image/png', size: 2048 });
    expect(result.uploadUrl).toContain(`accounts/${visitor.accountId}/attachments/${result.attachmentId}/photo.png`);
    expect(storage.requests).toEqual([expect.objectContaining({ contentType: 'image/png', size: 2048, expiresInSeconds: 300 })]);
    expect(await store.attachments.get(visitor.accountId, result.attachmentId)).toMatchObject({ contactId: visitor.contactId, size: 2048 });
  });

  it('writes nothing for a refused file', async () => {
    const { upload, store, storage, visitor } = setup();
    await expect(upload({ ...visitor, fileName: 'big.pdf', contentType: 'application/pdf', size: maxAttachmentBytes + 1 })).rejects.toMatchObject({ name: 'AttachmentTooLargeError' });
    expect(store.writes.count).toBe(0);
    expect(storage.requests).toHaveLength(0);
  });
});

describe('resolveVisitorAttachments', () => {
  it("accepts the visitor's own uploads and refuses another contact's as not found", async () => {
    const { upload, resolve, visitor } = setup();
    const mine = await upload({ ...visitor, fileName: 'a.txt', contentType: 'text/plain', size: 3 });
    expect(await resolve(visitor, [mine.attachmentId])).toEqual([expect.objectContaining({ id: mine.attachmentId })]);
    await expect(resolve({ ...visitor, contactId: newId() }, [mine.attachmentId])).rejects.toMatchObject({ name: 'AttachmentNotFoundError' });
    await expect(resolve({ ...visitor, accountId: newId() }, [mine.attachmentId])).rejects.toMatchObject({ name: 'AttachmentNotFoundError' });
  });
});

describe('signAttachmentUrls', () => {
  it('replaces object keys with short-lived download URLs and leaves keyless attachments as they are', async () => {
    const storage = recordingStorage();
    const sign = makeSignAttachmentUrls({ storage });
    const signed = await sign([
      { id: 'a', fileName: 'r.pdf', contentType: 'application/pdf', size: 3, objectKey: 'accounts/A/attachments/a/r.pdf' },
      { id: 'b', fileName: 'x.txt', contentType: 'text/plain', size: 1 },
    ]);
    expect(signed).toEqual([
      { id: 'a', fileName: 'r.pdf', contentType: 'application/pdf', size: 3, url: 'https://downloads.test/accounts/A/attachments/a/r.pdf?signed=1' },
      { id: 'b', fileName: 'x.txt', contentType: 'text/plain', size: 1 },
    ]);
    expect(storage.requests).toEqual([expect.objectContaining({ fileName: 'r.pdf', expiresInSeconds: 3600 })]);
  });
});
