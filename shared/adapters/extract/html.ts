/**
 * HTML extraction — layer: adapters (htmlparser2).
 *
 * Streams the page once: `h1`–`h6` open sections (the heading path follows their levels), block
 * elements end paragraphs, and what a reader does not see as content is dropped: scripts, styles,
 * templates, navigation, headers and footers of the page, forms and hidden elements.
 */
import { Parser } from 'htmlparser2';
import { headingSeparator, type KnowledgeSection } from '../../domain/knowledge-chunking.js';

/** Elements whose whole content is dropped. */
const dropped = new Set(['script', 'style', 'noscript', 'template', 'nav', 'header', 'footer', 'aside', 'form', 'button', 'select', 'svg', 'iframe', 'object', 'head']);
/** Elements that end a paragraph. */
const blockElements = new Set([
  'p', 'div', 'section', 'article', 'main', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'table', 'tr', 'blockquote', 'pre', 'figure',
  'figcaption', 'br', 'hr', 'details', 'summary', 'address',
]);
/** Void elements: they have no closing tag, so they never hold dropped content open. */
const voidElements = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/** Sections of an HTML page, under their heading paths; the `<title>` is returned separately. */
export function extractHtml(html: string): { sections: KnowledgeSection[]; title?: string } {
  const sections: KnowledgeSection[] = [];
  const path: { level: number; text: string }[] = [];
  let paragraphs: string[] = [];
  let current = '';
  let headingLevel = 0;
  let headingText = '';
  let dropDepth = 0;
  let inTitle = false;
  let title = '';

  const endParagraph = (): void => {
    const text = current.replace(/\s+/g, ' ').trim();
    if (text) paragraphs.push(text);
    current = '';
  };
  const flush = (): void => {
    endParagraph();
    if (paragraphs.length > 0) {
      sections.push({ ...(path.length > 0 ? { heading: path.map((p) => p.text).join(headingSeparator) } : {}), text: paragraphs.join('\n\n') });
    }
    paragraphs = [];
  };

  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (dropDepth > 0) {
          if (!voidElements.has(name)) dropDepth += 1;
          return;
        }
        if (name === 'title') {
          inTitle = true;
          return;
        }
        const hidden = 'hidden' in attributes || attributes['aria-hidden'] === 'true' || /display\s*:\s*none/i.test(attributes.style ?? '');
        if ((dropped.has(name) && name !== 'head') || (hidden && !voidElements.has(name))) {
          dropDepth = 1;
          return;
        }
        const heading = /^h([1-6])$/.exec(name);
        if (heading) {
          flush();
          headingLevel = Number(heading[1]);
          headingText = '';
          return;
        }
        if (blockElements.has(name)) endParagraph();
        if (name === 'td' || name === 'th') current += ' | ';
        if (name === 'img' && attributes.alt) current += ` ${attributes.alt} `;
      },
      ontext(text) {
        if (dropDepth > 0) return;
        if (inTitle) title += text;
        else if (headingLevel > 0) headingText += text;
        else current += text;
      },
      onclosetag(name) {
        if (dropDepth > 0) {
          if (!voidElements.has(name)) dropDepth -= 1;
          return;
        }
        if (name === 'title') {
          inTitle = false;
          return;
        }
        const heading = /^h([1-6])$/.exec(name);
        if (heading && headingLevel > 0) {
          const text = headingText.replace(/\s+/g, ' ').trim();
          while (path.length > 0 && path[path.length - 1]!.level >= headingLevel) path.pop();
          if (text) path.push({ level: headingLevel, text });
          headingLevel = 0;
          return;
        }
        if (blockElements.has(name)) endParagraph();
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  flush();
  const cleanTitle = title.replace(/\s+/g, ' ').trim();
  return { sections: sections.map((s) => ({ ...s, text: s.text.replace(/^\| /gm, '').replace(/ +\| */g, ' | ') })), ...(cleanTitle ? { title: cleanTitle } : {}) };
}
