/**
 * Knowledge chunking — layer: domain (pure functions; no SDK, no clock).
 *
 * A knowledge source (a Markdown page, an HTML page, a PDF, an FAQ) is extracted into sections
 * (`{ heading?, text }`) by the adapters in `shared/adapters/extract/`, then cut into chunks here.
 * The product's indexer and the retrieval evaluation (`eval/run.ts`) both chunk through this module,
 * so what the evaluation measures is what customers get.
 *
 * Rules:
 * - A chunk never crosses a section: its heading path ("Returns › Refunds") stays with its text,
 *   so a retrieved chunk says what it is about even when its text does not repeat the subject.
 * - Text is packed up to `targetChars` (default 800) from whole paragraphs; a paragraph longer
 *   than `maxChars` is cut at sentence ends, and a sentence longer than that at spaces.
 * - Consecutive chunks of one section overlap by up to `overlapChars` (default 120) — the previous
 *   chunk's last sentence(s) — so an answer split across a boundary is still found whole once.
 * - FAQ entries are one chunk each (the question is the heading) whatever their length, because
 *   a question and its answer are retrieved together or not at all.
 */

/** A piece of extracted text under an optional heading path (outermost heading first). */
export interface KnowledgeSection {
  /** The heading path joined with {@link headingSeparator}, e.g. `Shipping › Europe`. */
  readonly heading?: string;
  readonly text: string;
}

/** One chunk, before embedding: the unit written to the search index. */
export interface KnowledgeChunk {
  /** 0-based position in the source; with the source id and version it makes the chunk id. */
  readonly index: number;
  readonly heading?: string;
  readonly text: string;
}

/** How big chunks are. All lengths are in characters. */
export interface ChunkingOptions {
  /** Packing stops adding paragraphs once a chunk reaches this length. */
  readonly targetChars?: number;
  /** No chunk's own text (without overlap) is longer than this. */
  readonly maxChars?: number;
  /** At most this much of the previous chunk's tail is repeated at the start of the next. */
  readonly overlapChars?: number;
}

/** One question and its answer of an FAQ source. */
export interface FaqEntry {
  readonly question: string;
  readonly answer: string;
}

/** Joins the levels of a heading path. */
export const headingSeparator = ' › ';

/** The defaults: ~800 characters is ~200 tokens, small enough to be specific, big enough to answer. */
export const defaultChunkingOptions: Required<ChunkingOptions> = {
  targetChars: 800,
  maxChars: 1200,
  overlapChars: 120,
};

/**
 * Cuts sections into chunks (see the module's rules). Empty sections produce nothing; a heading
 * with no text of its own is kept only as part of its subsections' heading paths.
 *
 * @example chunkSections([{ heading: 'Returns', text: 'You have 30 days.' }])
 *   // → [{ index: 0, heading: 'Returns', text: 'You have 30 days.' }]
 */
export function chunkSections(
  sections: readonly KnowledgeSection[],
  options: ChunkingOptions = {},
): KnowledgeChunk[] {
  const opts = resolveOptions(options);
  const chunks: KnowledgeChunk[] = [];
  for (const section of sections) {
    const heading = normaliseInline(section.heading ?? '');
    for (const text of chunkText(section.text, opts)) {
      chunks.push({ index: chunks.length, ...(heading ? { heading } : {}), text });
    }
  }
  return chunks;
}

/**
 * Parses Markdown into sections by its headings (ATX `#` and setext `===`/`---`), ignoring `#`
 * lines inside fenced code, and strips inline markup (links keep their text, images their alt
 * text, emphasis and inline code their content; HTML tags are dropped).
 */
export function markdownSections(markdown: string): KnowledgeSection[] {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const sections: KnowledgeSection[] = [];
  const path: { level: number; text: string }[] = [];
  let body: string[] = [];
  let fence: string | undefined;

  const flush = (): void => {
    const text = body.join('\n').trim();
    if (text) sections.push({ ...headingOf(path), text });
    body = [];
  };
  const openHeading = (level: number, raw: string): void => {
    flush();
    while (path.length > 0 && path[path.length - 1]!.level >= level) path.pop();
    const text = normaliseInline(stripInlineMarkdown(raw));
    if (text) path.push({ level, text });
  };

  for (let i = 0; i < lines.length; i += 1) {
    const line = lines[i]!;
    const fenceMatch = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[1]!.charAt(0);
      if (fence === undefined) fence = marker;
      else if (fence === marker) fence = undefined;
      continue;
    }
    if (fence !== undefined) {
      body.push(line);
      continue;
    }
    const atx = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (atx) {
      openHeading(atx[1]!.length, atx[2]!);
      continue;
    }
    const next = lines[i + 1];
    if (next !== undefined && line.trim() && /^\s{0,3}(=+|-+)\s*$/.test(next) && !isListOrQuote(line)) {
      const previousBlank = i === 0 || !lines[i - 1]!.trim();
      if (previousBlank) {
        openHeading(next.trim().startsWith('=') ? 1 : 2, line);
        i += 1;
        continue;
      }
    }
    if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) {
      body.push('');
      continue;
    }
    body.push(stripBlockMarkdown(line));
  }
  flush();
  return sections.map((section) => ({ ...section, text: stripInlineMarkdown(section.text) }));
}

/** {@link markdownSections} then {@link chunkSections}: the chunker for Markdown sources. */
export function chunkMarkdown(markdown: string, options: ChunkingOptions = {}): KnowledgeChunk[] {
  return chunkSections(markdownSections(markdown), options);
}

/** One chunk per FAQ entry: the question is the heading, the answer the text. */
export function chunkFaq(entries: readonly FaqEntry[]): KnowledgeChunk[] {
  const chunks: KnowledgeChunk[] = [];
  for (const entry of entries) {
    const question = normaliseInline(entry.question);
    const answer = normaliseParagraphs(entry.answer);
    if (!question || !answer) continue;
    chunks.push({ index: chunks.length, heading: question, text: answer });
  }
  return chunks;
}

/**
 * The text embedded for a chunk: the source's title, the heading path and the text, one per line.
 * The title and headings carry the subject ("Refunds") that the chunk's own sentences often omit.
 * The indexer and the evaluation must embed the same way, so both call this.
 */
export function chunkEmbeddingText(title: string, chunk: Pick<KnowledgeChunk, 'heading' | 'text'>): string {
  return [title.trim(), chunk.heading?.trim(), chunk.text].filter((part) => part).join('\n');
}

/** The id of a chunk in the search index; the version makes a re-index write new ids first. */
export function knowledgeChunkId(sourceId: string, version: number, index: number): string {
  return `${sourceId}.v${version}.${index}`;
}

function resolveOptions(options: ChunkingOptions): Required<ChunkingOptions> {
  const targetChars = Math.max(100, options.targetChars ?? defaultChunkingOptions.targetChars);
  const maxChars = Math.max(targetChars, options.maxChars ?? Math.round(targetChars * 1.5));
  const overlapChars = Math.max(0, Math.min(options.overlapChars ?? defaultChunkingOptions.overlapChars, targetChars / 2));
  return { targetChars, maxChars, overlapChars };
}

/** Packs one section's text into chunk texts. */
function chunkText(text: string, opts: Required<ChunkingOptions>): string[] {
  const paragraphs = normaliseParagraphs(text)
    .split('\n\n')
    .filter((p) => p);
  // Units are paragraphs no longer than maxChars; a longer one is replaced by its sentences,
  // which join each other with a space (they are one paragraph) and other units with a blank line.
  const units: Unit[] = [];
  paragraphs.forEach((paragraph, paragraphIndex) => {
    const sentences = splitLong(paragraph, opts.maxChars);
    if (paragraph.length <= opts.maxChars) units.push({ text: paragraph, sentences, paragraphIndex });
    else for (const sentence of sentences) units.push({ text: sentence, sentences: [sentence], paragraphIndex });
  });

  const chunks: string[] = [];
  let current: Unit[] = [];
  let length = 0;
  let lastSentences: string[] = [];
  const emit = (): void => {
    if (current.length === 0) return;
    const own = current
      .map((unit, i) => (i === 0 ? '' : current[i - 1]!.paragraphIndex === unit.paragraphIndex ? ' ' : '\n\n') + unit.text)
      .join('');
    const overlap = tailWithin(lastSentences, opts.overlapChars);
    chunks.push(overlap ? `${overlap} ${own}` : own);
    lastSentences = current.flatMap((unit) => unit.sentences);
    current = [];
    length = 0;
  };
  for (const unit of units) {
    if (length > 0 && (length >= opts.targetChars || length + 2 + unit.text.length > opts.maxChars)) emit();
    current.push(unit);
    length = length === 0 ? unit.text.length : length + 2 + unit.text.length;
  }
  emit();
  return chunks;
}

interface Unit {
  readonly text: string;
  readonly sentences: string[];
  readonly paragraphIndex: number;
}

/** The last whole sentences whose total length fits in `limit` (empty when the last one does not). */
function tailWithin(sentences: readonly string[], limit: number): string {
  const picked: string[] = [];
  let total = 0;
  for (let i = sentences.length - 1; i >= 0; i -= 1) {
    const sentence = sentences[i]!;
    const next = total === 0 ? sentence.length : total + 1 + sentence.length;
    if (next > limit) break;
    picked.unshift(sentence);
    total = next;
  }
  return picked.join(' ');
}

/** Sentences of a paragraph, each at most `maxChars` (longer ones are cut at spaces). */
function splitLong(paragraph: string, maxChars: number): string[] {
  const sentences = paragraph
    .replace(/\n/g, ' ')
    .split(/(?<=[.!?…。])\s+(?=["'“(\[]?[\p{Lu}\p{N}])/u)
    .map((s) => s.trim())
    .filter((s) => s);
  const out: string[] = [];
  for (const sentence of sentences) {
    if (sentence.length <= maxChars) {
      out.push(sentence);
      continue;
    }
    let rest = sentence;
    while (rest.length > maxChars) {
      let cut = rest.lastIndexOf(' ', maxChars);
      if (cut < maxChars / 2) cut = maxChars;
      out.push(rest.slice(0, cut).trim());
      rest = rest.slice(cut).trim();
    }
    if (rest) out.push(rest);
  }
  return out;
}

/** Collapses runs of spaces, keeps single line breaks, and makes blank lines paragraph breaks. */
function normaliseParagraphs(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\t\f\v\u00a0 ]+/g, ' ')
    .split(/\n\s*\n+/)
    .map((paragraph) =>
      paragraph
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line)
        .join('\n'),
    )
    .filter((paragraph) => paragraph)
    .join('\n\n');
}

function normaliseInline(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function headingOf(path: readonly { text: string }[]): { heading?: string } {
  return path.length > 0 ? { heading: path.map((level) => level.text).join(headingSeparator) } : {};
}

function isListOrQuote(line: string): boolean {
  return /^\s*([-*+>]|\d+[.)])\s/.test(line);
}

/** Drops block markers that carry no words: quote markers and table rule rows. */
function stripBlockMarkdown(line: string): string {
  if (/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(line)) return '';
  return line.replace(/^\s{0,3}>\s?/, '');
}

/** Removes inline Markdown markup, keeping the words a reader sees. */
function stripInlineMarkdown(text: string): string {
  return text
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/^\s{0,3}\[[^\]]+\]:\s+\S+.*$/gm, '')
    .replace(/<\/?[A-Za-z][^<>]*>/g, '')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\w*])\*(?=\S)([^*\n]*?\S)\*/g, '$1$2')
    .replace(/(^|[^\w_])_(?=\S)([^_\n]*?\S)_/g, '$1$2')
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1')
    .replace(/`([^`\n]+)`/g, '$1')
    .replace(/^(\s*)\|(.*)\|\s*$/gm, (_m, indent: string, cells: string) =>
      `${indent}${cells.split('|').map((c) => c.trim()).join(' | ')}`,
    );
}
