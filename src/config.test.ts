import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { ConfigError } from './errors.ts';

describe('loadConfig', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.host).toBe('127.0.0.1');
    expect(config.dataDir).toBe(path.resolve('data'));
    expect(config.database).toEqual({ engine: 'sqlite', file: path.resolve('data', 'compact-watch.sqlite') });
    expect(config.ci).toBe(false);
  });

  it('switches to PostgreSQL for a postgres:// DATABASE_URL', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://u@db:5432/cw', DATABASE_SCHEMA: 'cw' });
    expect(config.database).toEqual({ engine: 'postgres', url: 'postgres://u@db:5432/cw', schema: 'cw' });
  });

  it('reports every bad variable by name at once', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const e = err as ConfigError;
      expect(e.details.map((d) => d.location)).toEqual(['PORT', 'DATABASE_URL', 'LOG_LEVEL']);
      expect(e.exitCode).toBe(78);
    }
  });

  it('rejects out-of-range ports', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT/);
  });
});
