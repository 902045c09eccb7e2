/**
 * The `compact-watch` command line. Each command has `--help`; errors print
 * one clear message and exit with the error's code (see `src/errors.ts`).
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/database.ts';
import { acquireDataDirLock } from '../db/lock.ts';
import { migrateToLatest, withStartupLock } from '../db/migrate.ts';
import { AppError, toAppError, ValidationError } from '../errors.ts';
import { readReferenceData } from '../features/reference/read.ts';
import { loadReferenceData } from '../features/reference/sync.ts';
import { createLogger } from '../log.ts';
import { startRuntime } from '../runtime.ts';
import { serveUntilSignal } from '../server.ts';
import { BRIEF_OPTIONS, BRIEF_USAGE, runBrief } from './brief.ts';
import { DEMO_OPTIONS, runDemo } from './demo.ts';
import { runExport } from './export.ts';
import { runImport } from './import.ts';
import { runPositions } from './positions.ts';
import { runTokens, runUsers, TOKENS_OPTIONS, TOKENS_USAGE, USERS_OPTIONS, USERS_USAGE } from './users.ts';

type Io = { out: (s: string) => void; err: (s: string) => void };
type Command = {
  summary: string;
  usage: string;
  options: Record<
    string,
    { type: 'string' | 'boolean'; short?: string; multiple?: boolean; description: string }
  >;
  run: (
    values: Record<string, string | boolean | string[] | undefined>,
    positionals: string[],
    io: Io,
  ) => Promise<number | undefined>;
};

const ENV_HELP = `Environment:
  PORT, HOST          where the server listens (3000, 127.0.0.1)
  DATA_DIR            folder of the embedded SQLite database (./data)
  DATABASE_URL        a postgres:// URL switches to PostgreSQL
  DATABASE_SCHEMA     PostgreSQL schema to use (default: the server's search_path)
  LOG_LEVEL           fatal|error|warn|info|debug|trace|silent (info)
  CHROMIUM_PATH       browser that prints brief --pdf (/usr/bin/chromium)`;

const commands: Record<string, Command> = {
  serve: {
    summary: 'Serve the site and the API (migrates and loads reference data first)',
    usage: 'compact-watch serve',
    options: {},
    run: async () => {
      const config = loadConfig();
      await serveUntilSignal(config, createLogger(config));
      return undefined; // keeps running until a signal
    },
  },
  migrate: {
    summary: 'Bring the database schema up to date',
    usage: 'compact-watch migrate',
    options: {},
    run: async (_v, _p, io) => {
      const config = loadConfig();
      const release = config.database.engine === 'sqlite' ? acquireDataDirLock(config.dataDir) : () => {};
      try {
        const database = await openDatabase(config.database);
        try {
          const { applied } = await withStartupLock(database.db, database.engine, (db) =>
            migrateToLatest(db, database.engine),
          );
          io.out(
            applied.length
              ? `Applied ${applied.length} migration(s): ${applied.join(', ')}\n`
              : 'The schema is up to date.\n',
          );
        } finally {
          await database.close();
        }
      } finally {
        release();
      }
      return 0;
    },
  },
  'load-reference': {
    summary: 'Validate and load the curated reference data (idempotent)',
    usage: 'compact-watch load-reference [--dir DIR] [--check] [--force]',
    options: {
      dir: { type: 'string', description: 'folder of the reference files (default: data/reference)' },
      check: { type: 'boolean', description: 'only validate the files; touch no database' },
      force: { type: 'boolean', description: 'compare every row even if the files look unchanged' },
    },
    run: async (values, _p, io) => {
      const dir = values.dir as string | undefined;
      if (values.check) {
        const { data } = readReferenceData(dir);
        io.out(
          `The reference data is valid: ${data.compacts.length} compacts, ${data.objectives.length} objectives, ` +
            `${data.principles.length} principles, ${data.classifications.length} classification scheme(s), ` +
            `${data.milestones.length} milestones, ${data.institutions.length} institutions, ` +
            `${data.relations.length} relations, ${data.states.length} States, ${data.resolutions.length} resolutions with recorded votes, ` +
            `${data.conflicts.length} source conflict(s), ${data.positionEvents.length} position events, ${data.reviewCycles.length} review cycles, ${data.sources.length} sources.\n`,
        );
        return 0;
      }
      const config = loadConfig();
      const logger = createLogger({ logLevel: 'warn' });
      const runtime = await startRuntime(config, logger, { loadReference: false });
      try {
        const report = await withStartupLock(runtime.db, runtime.engine, (db) =>
          loadReferenceData(db, runtime.engine, { dir, force: Boolean(values.force) }),
        );
        if (!report.checked)
          io.out(
            'The reference files are unchanged since the last load; nothing to do (use --force to compare anyway).\n',
          );
        else if (!report.changed) io.out('Checked every record: the database already matches the files.\n');
        else {
          io.out('Reference data loaded:\n');
          for (const [table, c] of Object.entries(report.tables)) {
            if (c.inserted + c.updated + c.deleted > 0) {
              io.out(`  ${table}: ${c.inserted} added, ${c.updated} updated, ${c.deleted} removed\n`);
            }
          }
        }
      } finally {
        await runtime.close();
      }
      return 0;
    },
  },
  import: {
    summary: 'Import registry records (actors, pledges, updates, assessments, reviews): all or nothing',
    usage: 'compact-watch import FILE|FOLDER [--dry-run] [--kind KIND] [--json]',
    options: {
      'dry-run': { type: 'boolean', description: 'validate and count the changes, but write nothing' },
      kind: {
        type: 'string',
        description: 'record kind of a CSV file whose header does not tell (actors, pledges, …)',
      },
      json: { type: 'boolean', description: 'print the report as JSON' },
    },
    run: (values, positionals, io) =>
      runImport(
        positionals,
        {
          dryRun: Boolean(values['dry-run']),
          kind: values.kind as string | undefined,
          json: Boolean(values.json),
        },
        io,
      ),
  },
  export: {
    summary: 'Export the reference data and the registry as JSON, CSV files or an XLSX workbook',
    usage: 'compact-watch export [--format json|csv|xlsx] [--out PATH] [--dataset NAME]',
    options: {
      format: { type: 'string', description: 'json (default), csv or xlsx' },
      out: {
        type: 'string',
        description: 'file (json: default standard output; xlsx) or folder (csv)',
      },
      dataset: { type: 'string', description: 'only this dataset, e.g. pledges (csv: --out may be a .csv)' },
    },
    run: (values, _p, io) =>
      runExport(
        {
          format: values.format as string | undefined,
          out: values.out as string | undefined,
          dataset: values.dataset as string | undefined,
        },
        io,
      ),
  },
  positions: {
    summary: 'Count the stances of all States on a compact as of a date, optionally as CSV',
    usage: 'compact-watch positions --compact gcm|gcr [--as-of YYYY-MM-DD] [--region CODE] [--csv FILE|-]',
    options: {
      compact: { type: 'string', description: 'gcm or gcr (required)' },
      'as-of': { type: 'string', description: 'date, YYYY-MM-DD (default: today)' },
      region: { type: 'string', description: 'UN M49 region code, e.g. 150 for Europe' },
      csv: {
        type: 'string',
        description: "write every State's position as CSV to FILE (- for standard output)",
      },
    },
    run: async (values, _p, io) => {
      const config = loadConfig();
      const runtime = await startRuntime(config, createLogger({ logLevel: 'warn' }), { readOnly: true });
      try {
        const written = await runPositions(
          runtime.db,
          {
            compact: values.compact as string | undefined,
            asOf: values['as-of'] as string | undefined,
            region: values.region as string | undefined,
            csv: values.csv as string | undefined,
          },
          io.out,
        );
        if (written) io.err(`wrote ${written}\n`);
      } finally {
        await runtime.close();
      }
      return 0;
    },
  },
  brief: {
    summary: "Write a State's printable country brief as an A4 PDF (headless Chromium) or HTML",
    usage: BRIEF_USAGE,
    options: BRIEF_OPTIONS,
    run: (values, positionals, io) =>
      runBrief(
        positionals,
        {
          pdf: values.pdf as string | undefined,
          html: values.html as string | undefined,
          lang: values.lang as string | undefined,
        },
        io,
      ),
  },
  demo: {
    summary: 'Load generated pledges, marked synthetic, for demonstrations (or remove them with --clear)',
    usage: 'compact-watch demo [--pledges N] [--seed S] | compact-watch demo --clear',
    options: DEMO_OPTIONS,
    run: (values, _p, io) => runDemo(values as Record<string, string | boolean | undefined>, io),
  },
  users: {
    summary: 'Add, list, disable and scope the people who edit records',
    usage: USERS_USAGE,
    options: USERS_OPTIONS,
    run: (values, positionals, io) => runUsers(values, positionals, io),
  },
  tokens: {
    summary: 'Create, list and revoke API tokens for scripts',
    usage: TOKENS_USAGE,
    options: TOKENS_OPTIONS,
    run: (values, positionals, io) => runTokens(values, positionals, io),
  },
};

function commandHelp(cmd: Command): string {
  const opts = Object.entries(cmd.options).map(
    ([k, o]) => `${`  --${k}${o.type === 'string' ? ' VALUE' : ''}`.padEnd(24)}${o.description}`,
  );
  return [
    `${cmd.summary}.`,
    '',
    `Usage: ${cmd.usage}`,
    '',
    'Options:',
    ...opts,
    `${'  --help'.padEnd(24)}show this help`,
    '',
    ENV_HELP,
    '',
  ].join('\n');
}

function mainHelp(): string {
  const list = Object.entries(commands).map(([n, c]) => `  ${n.padEnd(16)}${c.summary}`);
  return [
    'Compact Watch: an open observatory of the global compacts on migration and refugees.',
    '',
    'Usage: compact-watch <command> [options]',
    '',
    'Commands:',
    ...list,
    '',
    "Run 'compact-watch <command> --help' for a command's options.",
    '',
    ENV_HELP,
    '',
  ].join('\n');
}

/** Runs the CLI; resolves to the exit code, or undefined for a long-running command. */
export async function runCli(argv: string[], io: Io): Promise<number | undefined> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(mainHelp());
    return 0;
  }
  const cmd = commands[name];
  if (!cmd) {
    io.err(`compact-watch: unknown command "${name}".\n\n${mainHelp()}`);
    return 2;
  }
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: { ...cmd.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
    if (values.help) {
      io.out(commandHelp(cmd));
      return 0;
    }
    return await cmd.run(values, positionals, io);
  } catch (error) {
    const err =
      error instanceof AppError
        ? error
        : (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
          ? new ValidationError(`${(error as Error).message}. See 'compact-watch ${name} --help'.`)
          : toAppError(error);
    io.err(`compact-watch ${name}: ${err.message}\n`);
    if (err.code === 'internal_error' && err.cause)
      io.err(`${String((err.cause as Error).stack ?? err.cause)}\n`);
    return err.exitCode;
  }
}
