/**
 * Markdown extraction — layer: adapters (marked's lexer).
 *
 * Walks marked's tokens: headings open sections (their path kept, `#` inside code fences is
 * code, not a heading), paragraphs, lists, tables, quotes and code become the section's text with
 * the inline markup removed (a link keeps its text, an image its alt text).
 */
import { marked, type Token, type Tokens } from 'marked';
import { headingSeparator, type KnowledgeSection } from '../../domain/knowledge-chunking.js';

const entities: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Decodes the HTML entities marked leaves in text (`&amp;`, `&#39;`, …). */
function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#x') || name.startsWith('#X')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return entities[name.toLowerCase()] ?? whole;
  });
}

/** The visible words of inline tokens. */
function inline(tokens: readonly Token[] | undefined, fallback: string): string {
  if (!tokens) return decodeEntities(fallback);
  return tokens
    .map((token) => {
      switch (token.type) {
        case 'html':
          return '';
        case 'br':
          return '\n';
        case 'image':
          return (token as Tokens.Image).text;
        case 'codespan':
          return decodeEntities((token as Tokens.Codespan).text);
        default: {
          const withChildren = token as { tokens?: Token[]; text?: string };
          return inline(withChildren.tokens, withChildren.text ?? '');
        }
      }
    })
    .join('');
}

/** The text of block tokens, paragraphs separated by blank lines. */
function blocks(tokens: readonly Token[]): string[] {
  const out: string[] = [];
  for (const token of tokens) {
    switch (token.type) {
      case 'paragraph':
      case 'text':
        out.push(inline((token as Tokens.Paragraph).tokens, (token as Tokens.Paragraph).text));
        break;
      case 'code':
        out.push((token as Tokens.Code).text);
        break;
      case 'list':
        out.push((token as Tokens.List).items.map((item) => `- ${blocks(item.tokens).join(' ')}`).join('\n'));
        break;
      case 'blockquote':
        out.push(...blocks((token as Tokens.Blockquote).tokens));
        break;
      case 'table': {
        const table = token as Tokens.Table;
        const row = (cells: readonly Tokens.TableCell[]): string => cells.map((cell) => inline(cell.tokens, cell.text)).join(' | ');
        out.push([row(table.header), ...table.rows.map(row)].join('\n'));
        break;
      }
      default:
        break;
    }
  }
  return out.filter((text) => text.trim() !== '');
}

/** Sections of a Markdown document, under their heading paths. */
export function extractMarkdown(markdown: string): KnowledgeSection[] {
  const sections: KnowledgeSection[] = [];
  const path: { depth: number; text: string }[] = [];
  let pending: Token[] = [];
  const flush = (): void => {
    const text = blocks(pending).join('\n\n').trim();
    if (text) sections.push({ ...(path.length > 0 ? { heading: path.map((level) => level.text).join(headingSeparator) } : {}), text });
    pending = [];
  };
  for (const token of marked.lexer(markdown)) {
    if (token.type === 'heading') {
      flush();
      const heading = token as Tokens.Heading;
      while (path.length > 0 && path[path.length - 1]!.depth >= heading.depth) path.pop();
      const text = inline(heading.tokens, heading.text).replace(/\s+/g, ' ').trim();
      if (text) path.push({ depth: heading.depth, text });
    } else {
      pending.push(token);
    }
  }
  flush();
  return sections;
}
