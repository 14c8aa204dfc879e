/**
 * The customer's images for a vision-capable model — layer: services.
 *
 * Image attachments of the messages being answered (PNG, JPEG, GIF, WebP, within Bedrock's
 * 3.75 MB per image, at most 3) are read from the attachments bucket and sent as image blocks with
 * the customer's last turn, when the routed tier's model reads images. Otherwise nothing is sent
 * and the model sees only the text.
 */
import type { Message } from '../../domain/entities.js';
import type { ContentBlock, ImageFormat } from '../../ports/language-model.js';

/** Bedrock's largest image, in bytes. */
export const maxImageBytes = 3_750_000;
/** Most images sent with one turn. */
export const maxImagesPerTurn = 3;

const formats: Readonly<Record<string, ImageFormat>> = { 'image/png': 'png', 'image/jpeg': 'jpeg', 'image/gif': 'gif', 'image/webp': 'webp' };

/** The image attachments of the messages (those a model can read), oldest first, at most {@link maxImagesPerTurn}. */
export function imageAttachments(messages: readonly Message[]): { objectKey: string; format: ImageFormat }[] {
  return messages
    .flatMap((m) => m.attachments ?? [])
    .flatMap((a) => {
      const format = formats[a.contentType];
      return format && a.objectKey && a.size <= maxImageBytes ? [{ objectKey: a.objectKey, format }] : [];
    })
    .slice(0, maxImagesPerTurn);
}

/** Reads the images; one that is missing or too large is left out. */
export async function imageBlocks(images: readonly { objectKey: string; format: ImageFormat }[], read: (objectKey: string) => Promise<Uint8Array | undefined>): Promise<ContentBlock[]> {
  const blocks: ContentBlock[] = [];
  for (const image of images) {
    const bytes = await read(image.objectKey);
    if (bytes && bytes.byteLength <= maxImageBytes) blocks.push({ image: { format: image.format, bytes } });
  }
  return blocks;
}
