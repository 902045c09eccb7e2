/**
 * `compact-watch brief` run as a user runs it: a real A4 PDF printed by
 * Chromium and a self-contained HTML file from a fresh data folder (on each
 * engine), and one clear message with the documented exit code for every
 * mistake: bad arguments (2), an unknown State (3), an output path that
 * cannot be written (2), no Chromium where CHROMIUM_PATH points (78).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli as runInProcess } from '../src/cli/main.ts';
import { dropSchema, forEachEngine, freshDatabaseConfig, tempDir } from './helpers/db.ts';
import { chromiumPath } from './helpers/environment.ts';
import { runCli } from './helpers/spawn.ts';

/** Runs the command line in this process, as `bin/compact-watch.js` does, and collects what it prints. */
async function inProcess(
  args: string[],
): Promise<{ code: number | undefined; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runInProcess(args, {
    out: (s) => {
      stdout += s;
    },
    err: (s) => {
      stderr += s;
    },
  });
  return { code, stdout, stderr };
}

/** Page objects in a PDF (`/Type /Page`, not the `/Pages` tree). */
const pdfPages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length;

describe('compact-watch brief: arguments', () => {
  const out = tempDir('cw-brief-');
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it('has --help naming its options and CHROMIUM_PATH, and is listed among the commands', async () => {
    const help = await inProcess(['brief', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain(
      'Usage: compact-watch brief ISO3 [--pdf FILE] [--html FILE|-] [--lang en|fr|es]',
    );
    for (const word of ['--pdf', '--html', '--lang', 'CHROMIUM_PATH']) expect(help.stdout).toContain(word);
    expect((await inProcess(['--help'])).stdout).toMatch(/\n {2}brief {2,}/);
  });

  // In-process: these are refused before anything is opened. (Spawning the CLI takes seconds each.)
  it.each([
    [[], 'ISO3'],
    [['BRAZIL', '--html', '-'], 'BRAZIL'],
    [['BRA', 'USA', '--html', '-'], 'one State'],
    [['BRA', '--html', '-', '--lang', 'de'], '"de"'],
    [['BRA'], '--pdf FILE'],
    [['BRA', '--pdf', '/nonexistent-folder/brief.pdf'], '/nonexistent-folder does not exist'],
    [['BRA', '--html', '.'], 'it is a folder'],
    [['BRA', '--html', '-', '--colour', 'red'], '--colour'],
  ])('refuses %j with exit code 2, naming the problem on one line', async (args, message) => {
    const { code, stdout, stderr } = await inProcess(['brief', ...args]);
    expect(code, stderr).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stdout).toBe('');
  });

  it('names CHROMIUM_PATH when there is no browser there (exit 78), and writes nothing', () => {
    const file = path.join(out, 'none.pdf');
    const { code, stderr } = runCli(['brief', 'BRA', '--pdf', file], {
      CHROMIUM_PATH: path.join(out, 'no-chromium-here'),
      DATA_DIR: path.join(out, 'unused'),
    });
    expect(code).toBe(78);
    expect(stderr).toContain('CHROMIUM_PATH');
    expect(stderr).toContain('no-chromium-here');
    expect(fs.existsSync(file)).toBe(false);
  }, 90_000);
});

forEachEngine((engine) => {
  describe('compact-watch brief', () => {
    const fresh = freshDatabaseConfig(engine);
    const out = tempDir('cw-brief-');
    afterAll(async () => {
      await dropSchema(fresh.database);
      fs.rmSync(out, { recursive: true, force: true });
      fs.rmSync(fresh.dataDir, { recursive: true, force: true });
    });

    it.skipIf(!chromiumPath)(
      'prints a real A4 PDF and writes a self-contained HTML file of the same brief',
      () => {
        const pdf = path.join(out, 'brazil.pdf');
        const html = path.join(out, 'brazil.html');
        const { code, stderr } = runCli(['brief', 'BRA', '--pdf', pdf, '--html', html], {
          ...fresh.env,
          CHROMIUM_PATH: chromiumPath!,
          PUBLIC_URL: 'https://compact-watch.example.org',
        });
        expect(code, stderr).toBe(0);
        const bytes = fs.readFileSync(pdf);
        expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        const pages = pdfPages(bytes);
        expect(pages).toBeGreaterThanOrEqual(1);
        // A4 is 210 × 297 mm: 595 × 842 points (Chromium rounds to its pixel grid).
        const box = /\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/.exec(bytes.toString('latin1'));
        expect(Math.abs(Number(box?.[1]) - 595.3)).toBeLessThan(2);
        expect(Math.abs(Number(box?.[2]) - 841.9)).toBeLessThan(2);
        expect(stderr).toContain(`wrote ${pdf} (${pages} A4 page`);
        // No temporary file is left beside it.
        expect(fs.readdirSync(out).sort()).toEqual(['brazil.html', 'brazil.pdf']);

        const doc = fs.readFileSync(html, 'utf8');
        expect(doc).toContain('<h1>Brazil: country brief</h1>');
        expect(doc).toContain('<base href="https://compact-watch.example.org/">');
        expect(doc).toContain('https://compact-watch.example.org/states/BRA/brief');
        expect(doc).toContain('@media print');
        expect(doc).not.toMatch(/<link rel="stylesheet"/);
        expect(doc).not.toContain('<script');
      },
      120_000,
    );

    it('writes HTML to standard output in the language asked, for a code in any case', () => {
      const { code, stdout, stderr } = runCli(['brief', 'usa', '--html', '-', '--lang', 'es'], fresh.env);
      expect(code, stderr).toBe(0);
      expect(stdout).toMatch(/^<!DOCTYPE html><html lang="es"/);
      expect(stdout).toContain('<h1>Estados Unidos: ficha de país</h1>');
      expect(stdout).toContain('Votos de 2018');
    }, 90_000);

    it('refuses an unknown State with exit code 3', () => {
      const { code, stderr } = runCli(['brief', 'XYZ', '--html', '-'], fresh.env);
      expect(code).toBe(3);
      expect(stderr).toContain('No State with id "XYZ"');
    }, 90_000);
  });
});
