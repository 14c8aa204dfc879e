/**
 * PDF extraction — layer: adapters (unpdf, pdf.js without a canvas).
 *
 * A PDF's text has no reliable headings, so each page is a section headed `Page N`: an answer
 * cites the page it came from. Scanned PDFs (images only) have no text and are refused with a
 * readable reason rather than indexed empty.
 *
 * unpdf (pdf.js, 1.6 MB) is imported on the first PDF, not at cold start: most sources are text,
 * Markdown or HTML, and the knowledge-indexer should not pay for pdf.js to index them.
 */
import type { KnowledgeSection } from '../../domain/knowledge-chunking.js';
import { ExtractionError } from './errors.js';

/** Sections of a PDF, one per page with text. */
export async function extractPdf(bytes: Uint8Array): Promise<KnowledgeSection[]> {
  let pages: string[];
  try {
    // unpdf hands the buffer to pdf.js, which may detach it: give it a copy.
    const { extractText } = await import('unpdf');
    const result = await extractText(new Uint8Array(bytes), { mergePages: false });
    pages = result.text;
  } catch (error) {
    throw new ExtractionError(`The PDF could not be read (${error instanceof Error ? error.message : 'unknown reason'}).`);
  }
  const sections = pages.flatMap((text, index) => {
    const clean = text.replace(/[ \t]+/g, ' ').replace(/\n{3,}/g, '\n\n').trim();
    return clean ? [{ heading: `Page ${index + 1}`, text: clean }] : [];
  });
  if (sections.length === 0) throw new ExtractionError('The PDF has no text to index (a scanned document needs text recognition first).');
  return sections;
}
