/**
 * Knowledge content in the attachments bucket (fauxqs's S3 on the laptop): the FileStorage
 * additions the knowledge area uses — read back, missing objects, deleting a source's versions.
 */
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { makeS3FileStorage } from '../../../shared/adapters/s3/presigned-uploads.js';
import { knowledgeContentKey, knowledgeContentPrefix } from '../../../shared/domain/knowledge.js';
import { loadConfig } from '../../../shared/runtime/config.js';

function storage() {
  const config = loadConfig(process.env);
  return makeS3FileStorage({ region: config.region, bucketName: config.bucketName, ...(config.localEndpoints.s3 ? { endpoint: config.localEndpoints.s3 } : {}) });
}

describe('FileStorage for knowledge content', () => {
  it("reads an object back, answers undefined for a missing one, and deletes every version of one source only", async () => {
    // Prepare
    const files = storage();
    const accountId = ulid();
    const sourceId = ulid();
    const otherSourceId = ulid();
    const bytes = new TextEncoder().encode('# Returns\n\n30 days.');
    await files.putObject({ objectKey: knowledgeContentKey(accountId, sourceId, 1), contentType: 'text/markdown; charset=utf-8', body: bytes });
    await files.putObject({ objectKey: knowledgeContentKey(accountId, sourceId, 2), contentType: 'text/markdown; charset=utf-8', body: bytes });
    await files.putObject({ objectKey: knowledgeContentKey(accountId, otherSourceId, 1), contentType: 'text/plain; charset=utf-8', body: bytes });

    // Act
    const read = await files.getObject(knowledgeContentKey(accountId, sourceId, 2));
    const missing = await files.getObject(knowledgeContentKey(accountId, sourceId, 9));
    await files.deleteObjects(knowledgeContentPrefix(accountId, sourceId));

    // Assess
    expect(new TextDecoder().decode(read)).toBe('# Returns\n\n30 days.');
    expect(missing).toBeUndefined();
    expect(await files.getObject(knowledgeContentKey(accountId, sourceId, 1))).toBeUndefined();
    expect(await files.getObject(knowledgeContentKey(accountId, sourceId, 2))).toBeUndefined();
    expect(await files.getObject(knowledgeContentKey(accountId, otherSourceId, 1))).toBeDefined();
  });
});
