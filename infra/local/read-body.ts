/**
 * Reading a request body with a size cap — layer: infra/local (the local HTTP servers).
 */
import type { IncomingMessage } from 'node:http';

/**
 * Reads a whole request body, refusing (and destroying the request) once it passes `maxBytes`.
 *
 * @param tooLarge builds the error the caller answers a too-large body with
 */
export function readCappedBody(req: IncomingMessage, maxBytes: number, tooLarge: () => Error): Promise<Buffer> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(tooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
