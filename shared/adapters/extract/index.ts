/**
 * Content extraction — layer: adapters. The {@link ContentExtractor} port over the format
 * parsers next to this file: raw bytes of a knowledge source → sections under headings.
 */
import type { FaqEntry, KnowledgeSection } from '../../domain/knowledge-chunking.js';
import type { KnowledgeSourceKind } from '../../domain/knowledge.js';
import type { ContentExtractor, ExtractedContent } from '../../ports/knowledge.js';
import { ExtractionError } from './errors.js';
import { extractHtml } from './html.js';
import { extractMarkdown } from './markdown.js';
import { extractPdf } from './pdf.js';

const utf8 = new TextDecoder('utf-8', { fatal: false });

/** Plain text: paragraphs under no heading. */
export function extractText(text: string): KnowledgeSection[] {
  return text.trim() ? [{ text }] : [];
}

/** An FAQ's stored JSON (`[{question, answer}]`): one section per entry, the question as heading. */
export function extractFaq(json: string): KnowledgeSection[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new ExtractionError('The FAQ is not valid JSON.');
  }
  if (!Array.isArray(parsed)) throw new ExtractionError('The FAQ must be a list of questions and answers.');
  return parsed.flatMap((entry: Partial<FaqEntry>) =>
    typeof entry?.question === 'string' && typeof entry.answer === 'string' && entry.question.trim() && entry.answer.trim()
      ? [{ heading: entry.question, text: entry.answer }]
      : [],
  );
}

/** Extracts every kind of source. */
export function makeContentExtractor(): ContentExtractor {
  return {
    async extract(kind: KnowledgeSourceKind, bytes: Uint8Array): Promise<ExtractedContent> {
      switch (kind) {
        case 'pdf':
          return { sections: await extractPdf(bytes), oneChunkPerSection: false };
        case 'html':
          return { sections: extractHtml(utf8.decode(bytes)).sections, oneChunkPerSection: false };
        case 'markdown':
          return { sections: extractMarkdown(utf8.decode(bytes)), oneChunkPerSection: false };
        case 'faq':
          return { sections: extractFaq(utf8.decode(bytes)), oneChunkPerSection: true };
        case 'text':
          return { sections: extractText(utf8.decode(bytes)), oneChunkPerSection: false };
      }
    },
  };
}

export { ExtractionError } from './errors.js';
