/**
 * Imports from the web, in two steps. An upload is kept server-side (at most
 * an hour) and checked by a dry run that writes nothing; only then may its
 * uploader commit it, which checks it again against the database as it is
 * now and writes it in one transaction with one audit row, deleting the
 * upload in the same transaction so it cannot be committed twice.
 *
 * @example
 * const id = await uploadImport(db, admin, { name: 'pledges.csv', type: 'text/csv', bytes });
 * const { report } = await reviewImport(db, admin, id); // a dry run
 * await commitImport(db, admin, id);
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import { NotFoundError, ValidationError } from '../../errors.ts';
import { type User, writeAudit } from '../accounts/service.ts';
import { REGISTRY_KINDS } from '../pledges/records.ts';
import { type ImportReport, importRegistry, type RegistryInput } from '../transfer/import.ts';
import { ImportFileError, type ImportProblem } from '../transfer/problems.ts';
import { readImportFile } from '../transfer/read.ts';
import {
  importTooLarge,
  MAX_IMPORT_FILE_BYTES,
  MAX_IMPORT_RECORDS,
  PENDING_IMPORT_TTL_MS,
} from './limits.ts';
import {
  deleteExpiredImports,
  findPendingImport,
  insertPendingImport,
  type PendingImport,
  takePendingImport,
} from './repository.ts';
import { authorize, authorOf } from './service.ts';

export const IMPORT_EXTENSIONS = ['.csv', '.json', '.xlsx'] as const;

export type UploadedFile = { name: string; type: string; bytes: Uint8Array };
/** What the pages show of a pending import (never its bytes). */
export type PendingView = Omit<PendingImport, 'bytes'> & { size: number };
export type ImportReview = { pending: PendingView; report: ImportReport; changes: number };

const cutoff = (now: number) => new Date(now - PENDING_IMPORT_TTL_MS).toISOString();
const viewOf = ({ bytes, ...p }: PendingImport): PendingView => ({ ...p, size: bytes.byteLength });

/** The last part of an uploaded name, without control characters; kept short. */
export function safeFileName(name: string): string {
  const base = path.posix
    .basename(name.replace(/\\/g, '/'))
    .replace(/[\p{Cc}\p{Cf}]/gu, '')
    .trim();
  if (base.length <= 120) return base;
  const ext = path.extname(base);
  return `${base.slice(0, 120 - ext.length)}${ext}`;
}

/** Checks and keeps an uploaded file; answers its pending-import id (128 random bits, hex). */
export async function uploadImport(
  db: Kysely<Database>,
  caller: User | null,
  file: UploadedFile | null,
  now = Date.now(),
): Promise<string> {
  const me = authorize(caller, 'create', 'import');
  if (!file || file.bytes.byteLength === 0 || file.name === '')
    throw new ValidationError('No file was uploaded.', [
      { location: 'file', message: 'Choose a CSV, JSON or XLSX file to import.' },
    ]);
  const name = safeFileName(file.name);
  const ext = path.extname(name).toLowerCase();
  if (!(IMPORT_EXTENSIONS as readonly string[]).includes(ext) || name === ext)
    throw new ValidationError(`"${name}" is not a CSV, JSON or XLSX file.`, [
      { location: 'file', message: `“${name}” is not a .csv, .json or .xlsx file.` },
    ]);
  if (file.bytes.byteLength > MAX_IMPORT_FILE_BYTES) throw importTooLarge();
  await deleteExpiredImports(db, cutoff(now));
  const id = crypto.randomBytes(16).toString('hex');
  await insertPendingImport(db, {
    id,
    userId: me.id,
    fileName: name,
    mediaType: file.type || 'application/octet-stream',
    bytes: file.bytes,
    sha256: crypto.createHash('sha256').update(file.bytes).digest('hex'),
    createdAt: new Date(now).toISOString(),
  });
  return id;
}

/** Unknown, expired, committed already, or someone else's: the same 404 for each. */
class NotPendingError extends NotFoundError {
  constructor(id: string) {
    super('pending import', id);
    this.message =
      'This import is not pending: it was imported already, it expired (uploads wait one hour), or someone else uploaded it. Upload the file again.';
  }
}
const notPending = (id: string) => new NotPendingError(id);

async function pendingOf(db: Kysely<Database>, me: User, id: string, now: number): Promise<PendingImport> {
  const pending = /^[0-9a-f]{32}$/.test(id)
    ? await findPendingImport(db, { id, userId: me.id, notBefore: cutoff(now) })
    : null;
  if (!pending) throw notPending(id);
  return pending;
}

/** A report that holds only problems: nothing was checked against the database. */
function problemReport(problems: ImportProblem[], problemCount: number, records = 0): ImportReport {
  return {
    dryRun: true,
    applied: false,
    records,
    counts: Object.fromEntries(
      REGISTRY_KINDS.map((k) => [k, { inserted: 0, updated: 0, unchanged: 0 }]),
    ) as ImportReport['counts'],
    problems,
    problemCount,
  };
}

/**
 * Reads an upload with the importer's own readers (through a private
 * temporary file, removed at once), naming it by its uploaded name in every
 * problem. Answers the records, or a report of why there are none to check.
 */
async function readUpload(
  pending: PendingImport,
): Promise<{ input: RegistryInput } | { report: ImportReport }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cw-upload-'));
  const prefix = `${dir}${path.sep}`;
  const relabel = (s: string) => (s.startsWith(prefix) ? s.slice(prefix.length) : s);
  try {
    const file = path.join(dir, pending.fileName);
    await fs.writeFile(file, pending.bytes, { mode: 0o600 });
    const input = await readImportFile(file);
    const records = REGISTRY_KINDS.reduce((n, k) => n + (input.records[k]?.length ?? 0), 0);
    if (records > MAX_IMPORT_RECORDS)
      return {
        report: problemReport(
          [
            {
              source: pending.fileName,
              row: null,
              column: null,
              message: `holds ${records.toLocaleString('en')} records; the import page takes at most ${MAX_IMPORT_RECORDS.toLocaleString('en')} at a time (split the file, or import it with the command line)`,
            },
          ],
          1,
          records,
        ),
      };
    const sources = Object.fromEntries(
      Object.entries(input.sources ?? {}).map(([k, s]) => [k, relabel(s)]),
    ) as RegistryInput['sources'];
    return { input: { ...input, source: relabel(input.source), sources } };
  } catch (e) {
    if (!(e instanceof ImportFileError)) throw e;
    const problems = e.problems.map((p) => ({ ...p, source: relabel(p.source) }));
    return { report: problemReport(problems, e.problemCount) };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

const changesOf = (report: ImportReport) =>
  REGISTRY_KINDS.reduce((n, k) => n + report.counts[k].inserted + report.counts[k].updated, 0);

/** The dry run of a pending import of the caller's: what an import would change, or every problem. */
export async function reviewImport(
  db: Kysely<Database>,
  caller: User | null,
  id: string,
  now = Date.now(),
): Promise<ImportReview> {
  const me = authorize(caller, 'create', 'import');
  const pending = await pendingOf(db, me, id, now);
  const read = await readUpload(pending);
  const report = 'report' in read ? read.report : await importRegistry(db, read.input, { dryRun: true });
  return { pending: viewOf(pending), report, changes: changesOf(report) };
}

/** Thrown inside the commit's transaction to undo it when the file no longer passes. */
class Refused extends Error {
  constructor(readonly report: ImportReport) {
    super('The import has problems.');
  }
}

/**
 * Commits a pending import of the caller's: checks it again and writes it,
 * with one audit row (action `import`, the file name and the start of its
 * SHA-256 as record id, the counts as `after`), in one transaction that also
 * deletes the upload. With problems nothing is written and the upload stays.
 */
export async function commitImport(
  db: Kysely<Database>,
  caller: User | null,
  id: string,
  now = Date.now(),
): Promise<ImportReview & { committed: boolean }> {
  const me = authorize(caller, 'create', 'import');
  const pending = await pendingOf(db, me, id, now);
  const read = await readUpload(pending);
  if ('report' in read)
    return { pending: viewOf(pending), report: read.report, changes: 0, committed: false };
  try {
    const report = await db.transaction().execute(async (trx) => {
      // Taking the upload first makes a second commit wait for this one, then find nothing.
      if (!(await takePendingImport(trx, { id, userId: me.id, notBefore: cutoff(now) })))
        throw notPending(id);
      const result = await importRegistry(trx, read.input, { transaction: trx });
      if (result.problemCount > 0) throw new Refused(result);
      await writeAudit(trx, {
        author: authorOf(me),
        action: 'import',
        resource: 'import',
        recordId: `${pending.fileName} ${pending.sha256.slice(0, 12)}`,
        before: null,
        after: result.counts,
      });
      return result;
    });
    return { pending: viewOf(pending), report, changes: changesOf(report), committed: true };
  } catch (e) {
    if (e instanceof Refused)
      return { pending: viewOf(pending), report: e.report, changes: 0, committed: false };
    throw e;
  }
}
