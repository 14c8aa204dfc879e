import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { buildWidget } from '../../../../web/widget/build.js';

const outDir = mkdtempSync(join(tmpdir(), 'sb-widget-'));
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('buildWidget', () => {
  it('writes the loader, the chat frame and the demo page', async () => {
    const files = await buildWidget(outDir);
    const relative = files.map((f) => f.slice(outDir.length + 1)).sort();
    expect(relative).toEqual(expect.arrayContaining(['widget.js', 'widget/frame.html', 'widget/frame.js', 'widget/frame.css', 'demo/index.html']));
    expect(readFileSync(join(outDir, 'widget/frame.html'), 'utf8')).toContain('<script src="frame.js" defer></script>');
    expect(readFileSync(join(outDir, 'demo/index.html'), 'utf8')).toContain('/demo/config.js');
  }, 60_000);

  it('keeps the loader and the chat window (JS + CSS + HTML) within 40 KB gzipped', async () => {
    const shipped = ['widget.js', 'widget/frame.html', 'widget/frame.js', 'widget/frame.css'];
    const sizes = shipped.map((f) => ({ file: f, gzip: gzipSync(readFileSync(join(outDir, f)), { level: 9 }).length }));
    const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
    console.log(`[widget] gzipped: ${sizes.map((s) => `${s.file} ${(s.gzip / 1024).toFixed(1)} KB`).join(', ')}; total ${(total / 1024).toFixed(1)} KB of 40 KB`);
    expect(total).toBeLessThanOrEqual(40 * 1024);
  });
});
