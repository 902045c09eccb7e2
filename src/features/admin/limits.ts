/**
 * What the import page accepts: one file of at most 10 MiB and 50,000
 * records. Its upload route is the one place the site takes a body over the
 * 1 MiB that every other route is held to.
 */
import { AppError } from '../../errors.ts';

/** Where files are uploaded (POST): the one route with a larger body limit. */
export const IMPORT_UPLOAD_PATH = '/editor/import';
export const MAX_IMPORT_FILE_BYTES = 10 * 1024 * 1024;
/** The file plus the multipart envelope around it (boundaries, headers, the CSRF field). */
export const MAX_IMPORT_BODY_BYTES = MAX_IMPORT_FILE_BYTES + 64 * 1024;
export const MAX_IMPORT_RECORDS = 50_000;
/** An uploaded file waits this long for its commit. */
export const PENDING_IMPORT_TTL_MS = 60 * 60 * 1000;

/** A 413 that says what the import page takes, for the page and the problem alike. */
export function importTooLarge(): AppError {
  return new AppError(
    'The file is larger than 10 MiB, the most the import page takes. Split it into smaller files (one per record kind, or fewer rows each), or import it with the command line.',
    { code: 'payload_too_large', status: 413, exitCode: 2 },
  );
}
