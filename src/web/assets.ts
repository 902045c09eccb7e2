/**
 * Static assets, served under a content hash so browsers may cache them for a
 * year (`immutable`); a new stylesheet gets a new URL.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

type Asset = { url: string; body: string; type: string };

const here = path.dirname(fileURLToPath(import.meta.url));

function load(name: string, type: string): Asset {
  const body = fs.readFileSync(path.join(here, 'static', name), 'utf8');
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 10);
  const [stem, ext] = name.split('.');
  return { url: `/static/${stem}.${hash}.${ext}`, body, type };
}

export const stylesheet = load('site.css', 'text/css; charset=utf-8');
export const assets: Asset[] = [stylesheet];
