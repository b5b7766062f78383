// The same-run references: native MuPDF (`mutool draw`) rendering every page of the text book, and
// native tesseract reading every screenshot, two processes at a time with one thread each.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REFLOW_CSS } from '../../main/documents/reflow-style';
import { RUBY_CSS } from '../../main/documents/ruby-style';
import { DEFAULT_LAYOUT } from '../../shared/model/page';

export function haveTool(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;
}

/**
 * Seconds `mutool draw -r 150` takes to render every page of `book` to PNG, laid out as Shoko lays it
 * out (its page size and user style sheet), so both count the same pages.
 */
export function mutoolDrawSeconds(book: string): { seconds: number; pages: number } {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'shoko-seedscale-mutool-'));
  try {
    const { width, height, em } = DEFAULT_LAYOUT;
    const css = path.join(out, 'user.css');
    fs.writeFileSync(css, `${RUBY_CSS}\n${REFLOW_CSS}`);
    const t = performance.now();
    const r = spawnSync('mutool', ['draw', '-q', '-r', '150', '-W', String(width), '-H', String(height), '-S', String(em), '-U', css,
      '-o', path.join(out, 'p%d.png'), book], { encoding: 'utf8' });
    const seconds = (performance.now() - t) / 1000;
    if (r.status !== 0) throw new Error(`mutool draw failed: ${r.stderr}`);
    return { seconds, pages: fs.readdirSync(out).filter((f) => f.endsWith('.png')).length };
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

/** Seconds native `tesseract -l jpn+eng` takes over `images`, `procs` processes at a time, OMP_THREAD_LIMIT=1. */
export async function tesseractSeconds(images: readonly string[], procs = 2): Promise<{ seconds: number; text: string }> {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'shoko-seedscale-tess-'));
  const texts: string[] = new Array(images.length);
  const t = performance.now();
  let next = 0;
  const one = async (): Promise<void> => {
    while (next < images.length) {
      const i = next++;
      const base = path.join(out, String(i));
      await new Promise<void>((resolve, reject) => {
        const p = spawn('tesseract', [images[i], base, '-l', 'jpn+eng'], { stdio: 'ignore', env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
        p.on('error', reject);
        p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`tesseract ${images[i]}: exit ${code}`))));
      });
      texts[i] = fs.readFileSync(`${base}.txt`, 'utf8');
    }
  };
  try {
    await Promise.all(Array.from({ length: procs }, one));
    return { seconds: (performance.now() - t) / 1000, text: texts.join('\n') };
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}
