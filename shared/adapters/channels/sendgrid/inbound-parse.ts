/**
 * SendGrid Inbound Parse — layer: adapters (SendGrid; parsing only, no I/O).
 *
 * SendGrid receives mail for the tenant's parse host (MX `mx.sendgrid.net`) and POSTs each email
 * as `multipart/form-data` with the fields `headers` (the raw header block), `from`, `to`, `cc`,
 * `subject`, `text`, `html`, `envelope` (JSON), `charsets` (JSON: the character set of each
 * field), `attachments` (a count), `attachment-info` (JSON) and one file part per attachment
 * (`attachment1` … `attachmentN`). Fields arrive in their charset's bytes: they are read as bytes
 * (latin1 keeps every byte) and decoded with the charset `charsets` names, UTF-8 by default.
 * The "raw, full MIME" mode (a single `email` field) is not read: leave that option off.
 *
 * Multipart parsing is busboy's, with limits on parts, fields and file sizes so a hostile body
 * costs bounded memory; anything malformed is an {@link InboundParseError} (answered 400).
 */
import { Readable } from 'node:stream';
import busboy from 'busboy';
import { InboundAttachmentInfoMap, InboundCharsets, InboundEnvelope } from '../../../contracts/webhooks/sendgrid.js';
import { InboundParseError } from './errors.js';

/** One attachment file part, with what `attachment-info` says about it. */
export interface ParsedAttachment {
  /** The form field (`attachment1`, …). */
  readonly field: string;
  readonly fileName: string;
  /** Lower-case type without parameters (from `attachment-info`, else the part's own type). */
  readonly contentType: string;
  readonly contentId?: string;
  readonly bytes: Buffer;
  /** The file was longer than {@link inboundParseLimits}.fileBytes and is cut: do not store it. */
  readonly truncated: boolean;
}

/** An Inbound Parse POST, decoded. */
export interface ParsedInboundEmail {
  readonly headers: string;
  readonly from?: string;
  readonly to?: string;
  readonly cc?: string;
  readonly subject?: string;
  readonly text?: string;
  readonly html?: string;
  readonly envelope?: { readonly to?: readonly string[]; readonly from?: string | null };
  readonly attachments: readonly ParsedAttachment[];
}

/** Bounds on one POST (the body itself is capped at 10 MB before parsing). */
export const inboundParseLimits = {
  parts: 200,
  fields: 100,
  files: 50,
  fieldBytes: 10 * 1024 * 1024,
  fileBytes: 10 * 1024 * 1024,
  headerPairs: 100,
} as const;

const textFields = ['headers', 'from', 'to', 'cc', 'subject', 'text', 'html'] as const;

function decodeField(value: string, charset: string | undefined): string {
  // busboy decoded the part as latin1 (our default), one char per byte, unless the part named its
  // own charset; a char above 0xFF means it did, and the value is already text.
  if (/[^\u0000-\u00ff]/.test(value)) return value;
  const bytes = Buffer.from(value, 'latin1');
  const label = (charset ?? 'utf-8').trim().toLowerCase() || 'utf-8';
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    // An unknown label or bytes invalid in it: UTF-8 with replacement characters, never a failure.
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return new TextDecoder('utf-8').decode(bytes);
    }
  }
}

function parseJsonField<T>(raw: string | undefined, schema: { safeParse(v: unknown): { success: true; data: T } | { success: false } }, name: string): T | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(decodeField(raw, 'utf-8'));
  } catch {
    throw new InboundParseError(`the ${name} field is not JSON`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InboundParseError(`the ${name} field is not valid`);
  return parsed.data;
}

function mediaType(value: string | undefined): string {
  const type = (value ?? '').split(';')[0]!.trim().toLowerCase();
  return /^[a-z0-9!#$&^_.+-]{1,64}\/[a-z0-9!#$&^_.+-]{1,128}$/.test(type) ? type : 'application/octet-stream';
}

/**
 * Parses an Inbound Parse POST body.
 *
 * @throws {InboundParseError} not `multipart/form-data`, malformed multipart, bad JSON fields,
 *   or no `headers` field (every Inbound Parse POST has one).
 * @example
 * const email = await parseInboundParse(request.body, request.headers['content-type']);
 * email.subject; // 'Where is my order?'
 */
export async function parseInboundParse(body: Buffer, contentType: string | undefined): Promise<ParsedInboundEmail> {
  if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType.trim())) {
    throw new InboundParseError('expected multipart/form-data', 415);
  }
  const raw = await readParts(body, contentType);
  const charsets = parseJsonField(raw.fields.get('charsets'), InboundCharsets, 'charsets') ?? {};
  const field = (name: (typeof textFields)[number]): string | undefined => {
    const value = raw.fields.get(name);
    return value === undefined ? undefined : decodeField(value, charsets[name]);
  };
  const headers = field('headers');
  if (headers === undefined) throw new InboundParseError('the headers field is missing');
  const envelope = parseJsonField(raw.fields.get('envelope'), InboundEnvelope, 'envelope');
  const info = parseJsonField(raw.fields.get('attachment-info'), InboundAttachmentInfoMap, 'attachment-info') ?? {};
  const attachments = raw.files.map((file): ParsedAttachment => {
    const described = info[file.field];
    const fileName = described?.filename ?? described?.name ?? file.fileName ?? file.field;
    const contentId = described?.['content-id'];
    return {
      field: file.field,
      fileName,
      contentType: mediaType(described?.type ?? file.mimeType),
      ...(contentId ? { contentId } : {}),
      bytes: file.bytes,
      truncated: file.truncated,
    };
  });
  const out: Record<string, unknown> = { headers, attachments };
  for (const name of ['from', 'to', 'cc', 'subject', 'text', 'html'] as const) {
    const value = field(name);
    if (value !== undefined) out[name] = value;
  }
  if (envelope) out.envelope = envelope;
  return out as unknown as ParsedInboundEmail;
}

interface RawParts {
  readonly fields: Map<string, string>;
  readonly files: { field: string; fileName?: string; mimeType: string; bytes: Buffer; truncated: boolean }[];
}

function readParts(body: Buffer, contentType: string): Promise<RawParts> {
  return new Promise((resolve, reject) => {
    const fields = new Map<string, string>();
    const files: RawParts['files'] = [];
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: { 'content-type': contentType },
        defCharset: 'latin1',
        defParamCharset: 'utf8',
        limits: {
          parts: inboundParseLimits.parts,
          fields: inboundParseLimits.fields,
          files: inboundParseLimits.files,
          fieldSize: inboundParseLimits.fieldBytes,
          fileSize: inboundParseLimits.fileBytes,
          headerPairs: inboundParseLimits.headerPairs,
        },
      });
    } catch (error) {
      reject(new InboundParseError(`malformed multipart/form-data: ${(error as Error).message}`));
      return;
    }
    let failed = false;
    let closed = false;
    let openFiles = 0;
    const finish = () => {
      if (!failed && closed && openFiles === 0) resolve({ fields, files });
    };
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      reject(error instanceof InboundParseError ? error : new InboundParseError(`malformed multipart/form-data: ${(error as Error)?.message ?? 'unreadable'}`));
    };
    parser.on('field', (name, value, info) => {
      if (info.valueTruncated) return fail(new InboundParseError(`the ${name} field is too long`, 413));
      if (!fields.has(name)) fields.set(name, value);
    });
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      openFiles++;
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', fail);
      stream.on('end', () => {
        files.push({ field: name, ...(info.filename !== undefined ? { fileName: info.filename } : {}), mimeType: info.mimeType, bytes: Buffer.concat(chunks), truncated: stream.truncated === true });
        openFiles--;
        finish();
      });
    });
    parser.on('error', fail);
    parser.on('close', () => {
      closed = true;
      finish();
    });
    Readable.from([body]).pipe(parser);
  });
}
