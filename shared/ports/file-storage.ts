/**
 * File storage port — layer: ports. Hands browsers short-lived upload and download URLs for
 * objects in the attachments bucket (S3 presigned PUT / GET in AWS, fauxqs on the laptop), so
 * browsers' file bytes never pass through a Lambda; webhooks that receive files inline store them
 * with {@link FileStorage.putObject}.
 */

/** What a browser needs to upload one object. */
export interface PresignedUpload {
  /** PUT the file's bytes here. */
  readonly url: string;
  /** Headers the PUT must carry exactly (the signature covers them). */
  readonly headers: Readonly<Record<string, string>>;
}

export interface FileStorage {
  /** A URL valid for `expiresInSeconds` that accepts one PUT of `contentType` at `objectKey`. */
  presignUpload(input: { objectKey: string; contentType: string; size: number; expiresInSeconds: number }): Promise<PresignedUpload>;
  /** A URL valid for `expiresInSeconds` that downloads `objectKey` as a file named `fileName`. */
  presignDownload(input: { objectKey: string; fileName: string; contentType: string; expiresInSeconds: number }): Promise<string>;
  /**
   * Stores bytes that reached a Lambda anyway (an email's attachments come inside the Inbound
   * Parse POST). The caller checks size and type first; the object key is tenant-first.
   */
  putObject(input: { objectKey: string; contentType: string; body: Uint8Array }): Promise<void>;
  // --- KNOWLEDGE: sources' raw content is stored and read back by the API and the indexer ---
  /** The bytes of `objectKey`, or undefined when there is no such object. */
  getObject(objectKey: string): Promise<Uint8Array | undefined>;
  /** Removes every object whose key starts with `prefix` (a deleted knowledge source's versions). */
  deleteObjects(prefix: string): Promise<void>;
}
