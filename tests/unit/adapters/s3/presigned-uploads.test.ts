import { describe, expect, it } from 'vitest';
import { makeS3FileStorage } from '../../../../shared/adapters/s3/presigned-uploads.js';

describe('makeS3FileStorage', () => {
  it('presigns a path-style PUT on the laptop that is bound to the type, the length and the key', async () => {
    // Prepare
    const storage = makeS3FileStorage({ region: 'eu-west-1', bucketName: 'switchboard-attachments', endpoint: 'http://127.0.0.1:4566' });
    // Act
    const upload = await storage.presignUpload({ objectKey: 'accounts/A/attachments/X/photo.png', contentType: 'image/png', size: 2048, expiresInSeconds: 300 });
    // Assess
    const url = new URL(upload.url);
    expect(`${url.origin}${url.pathname}`).toBe('http://127.0.0.1:4566/switchboard-attachments/accounts/A/attachments/X/photo.png');
    expect(url.searchParams.get('X-Amz-SignedHeaders')?.split(';')).toEqual(expect.arrayContaining(['content-length', 'content-type', 'host']));
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
    expect(upload.headers).toEqual({ 'content-type': 'image/png' });
  });

  it('presigns a download that the browser saves as a file of the recorded type', async () => {
    const storage = makeS3FileStorage({ region: 'eu-west-1', bucketName: 'switchboard-attachments', endpoint: 'http://127.0.0.1:4566' });
    const url = new URL(await storage.presignDownload({ objectKey: 'accounts/A/attachments/X/a"b.pdf', fileName: 'a"b.pdf', contentType: 'application/pdf', expiresInSeconds: 3600 }));
    expect(url.searchParams.get('response-content-disposition')).toBe('attachment; filename="a_b.pdf"');
    expect(url.searchParams.get('response-content-type')).toBe('application/pdf');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('3600');
  });
});
