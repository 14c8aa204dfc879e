// Content extraction (shared/adapters/extract/*) — unit specification with real parsers.
import { describe, expect, it } from 'vitest';
import { ExtractionError, extractFaq, makeContentExtractor } from '../../../../shared/adapters/extract/index.js';
import { extractHtml } from '../../../../shared/adapters/extract/html.js';
import { extractMarkdown } from '../../../../shared/adapters/extract/markdown.js';
import { extractPdf } from '../../../../shared/adapters/extract/pdf.js';
import { markdownSections } from '../../../../shared/domain/knowledge-chunking.js';
import { minimalPdf } from '../../../helpers/minimal-pdf.js';

describe('extractMarkdown', () => {
  it('gives each section its heading path and removes inline markup', () => {
    // Prepare
    const markdown = '# Shipping\n\nWe ship **fast** via [DHL](https://dhl.test) &amp; UPS.\n\n## Europe\n\n- Three days\n- Free over 50 EUR\n\n```\n# not a heading\n```';

    // Act
    const sections = extractMarkdown(markdown);

    // Assess
    expect(sections).toEqual([
      { heading: 'Shipping', text: 'We ship fast via DHL & UPS.' },
      { heading: 'Shipping › Europe', text: '- Three days\n- Free over 50 EUR\n\n# not a heading' },
    ]);
  });

  it('finds the same heading paths as the domain parser the evaluation uses', () => {
    const markdown = '# A\n\nOne.\n\n## B\n\nTwo.\n\nC\n-\n\nThree.\n\n### D\n\nFour.';

    expect(extractMarkdown(markdown).map((s) => s.heading)).toEqual(markdownSections(markdown).map((s) => s.heading));
  });
});

describe('extractHtml', () => {
  it('turns h1–h6 into heading paths and drops scripts, styles and navigation', () => {
    // Prepare
    const html = `<html><head><title>Help &amp; care</title><style>p{color:red}</style></head><body>
      <nav><a href="/">Home</a></nav><header>Logo</header>
      <h1>Care</h1><p>Wash with a <b>damp</b> cloth.</p><script>track()</script>
      <h2>Suede</h2><p>Brush when dry.</p><div hidden>secret</div><ul><li>No water</li><li>No heat</li></ul>
      <h1>Sizes</h1><table><tr><th>EU</th><th>US</th></tr><tr><td>42</td><td>9</td></tr></table>
      <footer>© Shop</footer></body></html>`;

    // Act
    const { sections, title } = extractHtml(html);

    // Assess
    expect(title).toBe('Help & care');
    expect(sections).toEqual([
      { heading: 'Care', text: 'Wash with a damp cloth.' },
      { heading: 'Care › Suede', text: 'Brush when dry.\n\nNo water\n\nNo heat' },
      { heading: 'Sizes', text: 'EU | US\n\n42 | 9' },
    ]);
  });
});

describe('extractPdf', () => {
  it('makes one section per page with text, headed by its page number', async () => {
    const sections = await extractPdf(minimalPdf(['Warranty lasts two years.', 'Batteries are excluded.']));

    expect(sections).toEqual([
      { heading: 'Page 1', text: 'Warranty lasts two years.' },
      { heading: 'Page 2', text: 'Batteries are excluded.' },
    ]);
  });

  it('refuses bytes that are not a readable PDF with a readable reason', async () => {
    await expect(extractPdf(new TextEncoder().encode('%PDF-1.4 garbage'))).rejects.toBeInstanceOf(ExtractionError);
  });
});

describe('extractFaq', () => {
  it('makes one section per answered question', () => {
    expect(extractFaq(JSON.stringify([{ question: 'Q1?', answer: 'A1.' }, { question: 'Q2?', answer: '' }]))).toEqual([{ heading: 'Q1?', text: 'A1.' }]);
  });

  it('refuses content that is not a list', () => {
    expect(() => extractFaq('{"question":"x"}')).toThrow(ExtractionError);
  });
});

describe('makeContentExtractor', () => {
  it('reads plain text as one section under no heading', async () => {
    const extracted = await makeContentExtractor().extract('text', new TextEncoder().encode('Open nine to five.'));

    expect(extracted).toEqual({ sections: [{ text: 'Open nine to five.' }], oneChunkPerSection: false });
  });
});
