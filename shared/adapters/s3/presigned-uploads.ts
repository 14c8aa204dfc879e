/**
 * Presigned uploads and downloads — layer: adapters (S3). The {@link FileStorage} port over S3.
 *
 * The signature covers the object key, the content type and the content length, so a browser
 * cannot use the URL to store another type, a larger file or another key. Path-style URLs on
 * the laptop (fauxqs), where `<bucket>.127.0.0.1` would not resolve.
 */
import { DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { FileStorage } from '../../ports/file-storage.js';
import { awsClientOptions } from '../aws-client-options.js';

/** Where the attachments bucket is. */
export interface S3StorageOptions {
  readonly region: string;
  readonly bucketName: string;
  /** fauxqs's URL on the laptop; absent in AWS. */
  readonly endpoint?: string;
}

/**
 * Creates the S3 file storage.
 *
 * @example
 * const storage = makeS3FileStorage({ region: 'eu-west-1', bucketName: 'switchboard-attachments' });
 * const { url, headers } = await storage.presignUpload({ objectKey, contentType: 'image/png', size: 1024, expiresInSeconds: 300 });
 */
export function makeS3FileStorage(options: S3StorageOptions): FileStorage {
  const local = options.endpoint !== undefined;
  const client = new S3Client({ ...awsClientOptions({ region: options.region, local }, options.endpoint), forcePathStyle: local });
  return {
    async presignUpload({ objectKey, contentType, size, expiresInSeconds }) {
      const command = new PutObjectCommand({ Bucket: options.bucketName, Key: objectKey, ContentType: contentType, ContentLength: size });
      const url = await getSignedUrl(client, command, { expiresIn: expiresInSeconds, signableHeaders: new Set(['content-type', 'content-length']) });
      return { url, headers: { 'content-type': contentType } };
    },
    async presignDownload({ objectKey, fileName, contentType, expiresInSeconds }) {
      // Served as a download with the type recorded at upload, never sniffed or rendered inline
      // from the bucket's origin.
      const disposition = `attachment; filename="${fileName.replace(/["\\\r\n]/g, '_')}"`;
      const command = new GetObjectCommand({ Bucket: options.bucketName, Key: objectKey, ResponseContentDisposition: disposition, ResponseContentType: contentType });
      return getSignedUrl(client, command, { expiresIn: expiresInSeconds });
    },
    async putObject({ objectKey, contentType, body }) {
      await client.send(new PutObjectCommand({ Bucket: options.bucketName, Key: objectKey, ContentType: contentType, Body: body, ContentLength: body.byteLength }));
    },
    // --- KNOWLEDGE ---
    async getObject(objectKey) {
      try {
        const { Body: body } = await client.send(new GetObjectCommand({ Bucket: options.bucketName, Key: objectKey }));
        return body ? await body.transformToByteArray() : new Uint8Array();
      } catch (error) {
        if (error instanceof Error && (error.name === 'NoSuchKey' || error.name === 'NotFound')) return undefined;
        throw error;
      }
    },
    async deleteObjects(prefix) {
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: options.bucketName, Prefix: prefix, ...(token ? { ContinuationToken: token } : {}) }));
        const keys = (page.Contents ?? []).flatMap((object) => (object.Key ? [{ Key: object.Key }] : []));
        if (keys.length > 0) await client.send(new DeleteObjectsCommand({ Bucket: options.bucketName, Delete: { Objects: keys, Quiet: true } }));
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    },
  };
}
