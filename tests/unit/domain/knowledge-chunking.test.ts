// Knowledge chunking (shared/domain/knowledge-chunking.ts) — unit specification.
import { describe, expect, it } from 'vitest';
import {
  chunkEmbeddingText, chunkFaq, chunkMarkdown, chunkSections, knowledgeChunkId, markdownSections,
} from '../../../shared/domain/knowledge-chunking.js';

const sentence = (n: number): string => `Sentence number ${n} explains one more detail of the refund rules.`;

describe('markdownSections', () => {
  it('gives each section its heading path, outermost first', () => {
    // Prepare
    const markdown = '# Returns\n\nIntro.\n\n## Refunds\n\nMoney back.\n\n### Cards\n\nTo the card.\n\n## Exchanges\n\nSwap it.';

    // Act
    const sections = markdownSections(markdown);

    // Assess
    expect(sections).toEqual([
      { heading: 'Returns', text: 'Intro.' },
      { heading: 'Returns › Refunds', text: 'Money back.' },
      { heading: 'Returns › Refunds › Cards', text: 'To the card.' },
      { heading: 'Returns › Exchanges', text: 'Swap it.' },
    ]);
  });

  it('reads setext headings and ignores # lines inside fenced code', () => {
    const sections = markdownSections('Shipping\n========\n\n```\n# comment\n```\n\nEurope\n------\n\nThree days.');

    expect(sections).toEqual([
      { heading: 'Shipping', text: '# comment' },
      { heading: 'Shipping › Europe', text: 'Three days.' },
    ]);
  });

  it('keeps the words of links, images and emphasis and drops HTML tags', () => {
    const [section] = markdownSections('See **our** [help page](https://x.test) and ![a map](m.png) <b>now</b>, `code`.');

    expect(section?.text).toBe('See our help page and a map now, code.');
  });
});

describe('chunkSections', () => {
  it('keeps a short section whole, with its heading', () => {
    const chunks = chunkSections([{ heading: 'Returns', text: 'You have 30 days.' }]);

    expect(chunks).toEqual([{ index: 0, heading: 'Returns', text: 'You have 30 days.' }]);
  });

  it('never lets a chunk cross a section boundary', () => {
    const chunks = chunkSections([{ heading: 'A', text: 'Alpha.' }, { heading: 'B', text: 'Beta.' }]);

    expect(chunks.map((c) => [c.heading, c.text])).toEqual([['A', 'Alpha.'], ['B', 'Beta.']]);
  });

  it('cuts a long section at sentence ends near the target size, with a small overlap', () => {
    // Prepare
    const text = Array.from({ length: 40 }, (_, i) => sentence(i)).join(' ');

    // Act
    const chunks = chunkSections([{ heading: 'Refunds', text }], { targetChars: 400, maxChars: 600, overlapChars: 120 });

    // Assess
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) {
      expect(chunk.heading).toBe('Refunds');
      expect(chunk.text.length).toBeLessThanOrEqual(600 + 120 + 1);
      expect(chunk.text).toMatch(/^Sentence number \d+ .*\.$/s);
    }
    const secondStart = chunks[1]!.text.slice(0, sentence(0).length);
    expect(chunks[0]!.text).toContain(secondStart);
    const all = chunks.map((c) => c.text).join(' ');
    for (let i = 0; i < 40; i += 1) expect(all).toContain(sentence(i));
  });

  it('packs short paragraphs together up to the target', () => {
    const text = Array.from({ length: 6 }, (_, i) => `Paragraph ${i}.`).join('\n\n');

    const chunks = chunkSections([{ text }]);

    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.text).toBe('Paragraph 0.\n\nParagraph 1.\n\nParagraph 2.\n\nParagraph 3.\n\nParagraph 4.\n\nParagraph 5.');
    expect(chunks[0]).not.toHaveProperty('heading');
  });

  it('cuts a sentence longer than the maximum at spaces', () => {
    const text = Array.from({ length: 300 }, () => 'word').join(' ');

    const chunks = chunkSections([{ text }], { targetChars: 200, maxChars: 300, overlapChars: 0 });

    expect(chunks.every((c) => c.text.length <= 300)).toBe(true);
    expect(chunks.map((c) => c.text).join(' ').split(' ')).toHaveLength(300);
  });

  it('produces nothing for empty sections', () => {
    expect(chunkSections([{ heading: 'Empty', text: '  \n\n ' }])).toEqual([]);
  });
});

describe('chunkMarkdown', () => {
  it('numbers chunks across the whole document', () => {
    const chunks = chunkMarkdown('# A\n\nOne.\n\n# B\n\nTwo.');

    expect(chunks.map((c) => c.index)).toEqual([0, 1]);
  });
});

describe('chunkFaq', () => {
  it('makes one chunk per question with the question as its heading', () => {
    const chunks = chunkFaq([
      { question: 'Do you ship to Norway?', answer: 'Yes, in 5 days.' },
      { question: 'Can I pay by invoice?', answer: 'Only businesses can.' },
    ]);

    expect(chunks).toEqual([
      { index: 0, heading: 'Do you ship to Norway?', text: 'Yes, in 5 days.' },
      { index: 1, heading: 'Can I pay by invoice?', text: 'Only businesses can.' },
    ]);
  });
});

describe('chunkEmbeddingText and knowledgeChunkId', () => {
  it('embeds the title and heading path with the text', () => {
    expect(chunkEmbeddingText('Help', { heading: 'Refunds', text: 'Ten days.' })).toBe('Help\nRefunds\nTen days.');
  });

  it('makes ids that differ between versions of one source', () => {
    expect(knowledgeChunkId('src1', 2, 0)).not.toBe(knowledgeChunkId('src1', 3, 0));
  });
});
