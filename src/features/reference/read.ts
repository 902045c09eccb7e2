/**
 * Reads and validates the reference files. Any problem is reported as a
 * DataFileError naming the file and the field, and nothing is loaded.
 *
 * @example
 * const { data, hashes } = readReferenceData('data/reference');
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { z } from 'zod';
import { checkReferenceIntegrity } from '../../domain/reference-integrity.ts';
import { DataFileError, type ErrorDetail } from '../../errors.ts';
import { type ReferenceData, type ReferenceFileName, referenceFiles } from './schema.ts';

export const DEFAULT_REFERENCE_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../data/reference',
);

export type ReferenceBundle = { data: ReferenceData; hashes: Record<ReferenceFileName, string> };

export function readReferenceData(dir: string = DEFAULT_REFERENCE_DIR): ReferenceBundle {
  const problems: ErrorDetail[] = [];
  const parsed: Partial<Record<ReferenceFileName, unknown>> = {};
  const hashes = {} as Record<ReferenceFileName, string>;

  for (const name of Object.keys(referenceFiles) as ReferenceFileName[]) {
    const file = path.join(dir, name);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      problems.push({ location: name, message: `cannot read ${file}` });
      continue;
    }
    hashes[name] = createHash('sha256').update(text).digest('hex');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      problems.push({ location: name, message: `is not valid JSON: ${(err as Error).message}` });
      continue;
    }
    const result = (referenceFiles[name] as z.ZodType).safeParse(json);
    if (!result.success) {
      for (const issue of result.error.issues.slice(0, 50)) {
        problems.push({ location: `${name}${formatPath(issue.path)}`, message: issue.message });
      }
      continue;
    }
    parsed[name] = result.data;
  }
  if (problems.length > 0) throw invalid(dir, problems);

  const inst = parsed['institutions.json'] as z.infer<(typeof referenceFiles)['institutions.json']>;
  const data: ReferenceData = {
    sources: parsed['sources.json'] as ReferenceData['sources'],
    compacts: parsed['compacts.json'] as ReferenceData['compacts'],
    objectives: parsed['objectives.json'] as ReferenceData['objectives'],
    principles: parsed['principles.json'] as ReferenceData['principles'],
    classifications: parsed['classifications.json'] as ReferenceData['classifications'],
    milestones: parsed['milestones.json'] as ReferenceData['milestones'],
    institutions: inst.institutions,
    relations: inst.relations,
    states: parsed['states.json'] as ReferenceData['states'],
    resolutions: (parsed['votes.json'] as { resolutions: ReferenceData['resolutions'] }).resolutions,
    conflicts: (parsed['votes.json'] as { conflicts: ReferenceData['conflicts'] }).conflicts,
    positionEvents: parsed['position-events.json'] as ReferenceData['positionEvents'],
    reviewCycles: parsed['review-cycles.json'] as ReferenceData['reviewCycles'],
    crosswalkNodes: (parsed['crosswalk.json'] as { nodes: ReferenceData['crosswalkNodes'] }).nodes,
    crosswalkLinks: (parsed['crosswalk.json'] as { links: ReferenceData['crosswalkLinks'] }).links,
    themes: parsed['themes.json'] as ReferenceData['themes'],
  };
  const integrity = checkReferenceIntegrity(data);
  if (integrity.length > 0) throw invalid(dir, integrity);
  return { data, hashes };
}

function invalid(dir: string, problems: ErrorDetail[]): DataFileError {
  const shown = problems.slice(0, 10).map((p) => `  ${p.location}: ${p.message}`);
  const more = problems.length > 10 ? [`  … and ${problems.length - 10} more`] : [];
  return new DataFileError(
    `The reference data in ${dir} is invalid; nothing was loaded:\n${[...shown, ...more].join('\n')}`,
    problems,
  );
}

function formatPath(p: PropertyKey[]): string {
  return p.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('');
}
