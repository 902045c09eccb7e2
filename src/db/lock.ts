/**
 * An exclusive lock on the embedded data folder, so that two servers never
 * write the same SQLite file. The lock is a file holding the owner's PID; a
 * lock whose process is gone is stale and is taken over.
 *
 * @example
 * const release = acquireDataDirLock('./data');
 * // ... serve ...
 * release();
 */
import fs from 'node:fs';
import path from 'node:path';
import { LockedError } from '../errors.ts';

export const LOCK_FILE_NAME = '.compact-watch.lock';

export function acquireDataDirLock(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE_NAME);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        // Only remove the lock if it is still ours.
        if (readHolder(file) === process.pid) fs.rmSync(file, { force: true });
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = readHolder(file);
      if (holder !== undefined && holder !== process.pid && isAlive(holder)) {
        throw new LockedError(
          `The data folder ${dataDir} is in use by another Compact Watch process (PID ${holder}). ` +
            'Stop that process, or point DATA_DIR at another folder.',
        );
      }
      // Stale (holder gone or unreadable): take it over.
      fs.rmSync(file, { force: true });
    }
  }
  throw new LockedError(`Could not take the lock on the data folder ${dataDir}.`);
}

function readHolder(file: string): number | undefined {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
