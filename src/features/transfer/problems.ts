/**
 * Problems found in an import, each with where it is: the file (or
 * `file#sheet`, `file#kind`), the row and the column. Readers and the importer
 * collect them instead of stopping at the first, and keep at most
 * `MAX_PROBLEMS` in full (the rest are only counted), so a file of a million
 * bad rows still gives a short, useful report.
 *
 * @example
 * const problems = new ProblemList();
 * problems.add({ source: 'pledges.csv', row: 12, column: 'announcedOn', message: 'a date as YYYY-MM-DD' });
 * formatProblem(problems.list[0]); // 'pledges.csv:12 column "announcedOn": a date as YYYY-MM-DD'
 */
import { ValidationError } from '../../errors.ts';

export type ImportProblem = { source: string; row: number | null; column: string | null; message: string };

export const MAX_PROBLEMS = 200;

export class ProblemList {
  readonly list: ImportProblem[] = [];
  count = 0;

  add(problem: ImportProblem): void {
    this.count++;
    if (this.list.length < MAX_PROBLEMS) this.list.push(problem);
  }

  get empty(): boolean {
    return this.count === 0;
  }

  /** The kept problems by source then row (problems without a row first). */
  sorted(): ImportProblem[] {
    return [...this.list].sort(
      (a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : 0) || (a.row ?? 0) - (b.row ?? 0),
    );
  }
}

/** `FILE:ROW column "C": message`, leaving out what is not known. */
export function formatProblem(p: ImportProblem): string {
  const where = `${p.source}${p.row === null ? '' : `:${p.row}`}${p.column === null ? '' : ` column "${p.column}"`}`;
  return `${where}: ${p.message}`;
}

/**
 * A file that cannot be read as an import at all (not UTF-8, malformed CSV,
 * unknown columns, not a workbook …). Carries the problems, like a report;
 * exit code 2 and HTTP 400 as any invalid input.
 */
export class ImportFileError extends ValidationError {
  readonly problems: ImportProblem[];
  readonly problemCount: number;

  constructor(problems: ProblemList | ImportProblem[]) {
    const list = Array.isArray(problems) ? problems : problems.sorted();
    const count = Array.isArray(problems) ? problems.length : problems.count;
    const first = list[0];
    super(
      `The import file cannot be read${first ? `: ${formatProblem(first)}` : '.'}${count > 1 ? ` (and ${count - 1} more problem(s))` : ''}`,
      list.map((p) => ({
        location: `${p.source}${p.row === null ? '' : `:${p.row}`}${p.column === null ? '' : `:${p.column}`}`,
        message: p.message,
      })),
    );
    this.problems = list;
    this.problemCount = count;
  }
}
