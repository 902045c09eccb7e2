import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LockedError } from '../errors.ts';
import { acquireDataDirLock, LOCK_FILE_NAME } from './lock.ts';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-lock-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A PID that belonged to a process which has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
  return Number(child.stdout.toString());
}

describe('acquireDataDirLock', () => {
  it('writes our PID and removes the lock on release', () => {
    const dir = tmp();
    const release = acquireDataDirLock(dir);
    expect(fs.readFileSync(path.join(dir, LOCK_FILE_NAME), 'utf8').trim()).toBe(String(process.pid));
    release();
    expect(fs.existsSync(path.join(dir, LOCK_FILE_NAME))).toBe(false);
  });

  it('refuses a folder held by a live process, naming the folder and the PID', () => {
    const dir = tmp();
    // PID 1 is always alive.
    fs.writeFileSync(path.join(dir, LOCK_FILE_NAME), '1\n');
    expect(() => acquireDataDirLock(dir)).toThrow(LockedError);
    expect(() => acquireDataDirLock(dir)).toThrow(
      new RegExp(`${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*PID 1`),
    );
  });

  it('takes over a stale lock whose process is gone', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, LOCK_FILE_NAME), `${deadPid()}\n`);
    const release = acquireDataDirLock(dir);
    expect(fs.readFileSync(path.join(dir, LOCK_FILE_NAME), 'utf8').trim()).toBe(String(process.pid));
    release();
  });

  it('takes over an unreadable lock file', () => {
    const dir = tmp();
    fs.writeFileSync(path.join(dir, LOCK_FILE_NAME), 'garbage');
    acquireDataDirLock(dir)();
  });
});
