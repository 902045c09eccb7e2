/**
 * Reads registry records from an XLSX workbook: one sheet per record kind,
 * named as the export names them (actors, pledges, updates, assessments,
 * nationalReviews); sheets of reference datasets are skipped. Row 1 names the
 * columns. Each cell is read as the text of its column: numbers as JavaScript
 * prints them, dates as YYYY-MM-DD, true/false as such, a formula as its
 * computed value. XLSX string cells are never evaluated, so there is no
 * formula guard to remove here (unlike CSV).
 *
 */
import ExcelJS from 'exceljs';
import { DERIVED_HEADERS, isReferenceRow, recordOf } from '../pledges/csv-records.ts';
import { REGISTRY_KINDS, type RegistryKind } from '../pledges/records.ts';
import type { ProblemList } from './problems.ts';
import { checkHeader } from './read-csv.ts';
import type { RawRecord } from './validate.ts';
import { decodeXlsxText } from './xlsx-text.ts';

type CellText = { text: string } | { problem: string };

/** One cell's value as text, or why it has none. */
export function cellText(value: ExcelJS.CellValue): CellText {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: decodeXlsxText(value) };
  if (typeof value === 'number') return { text: String(value) };
  if (typeof value === 'boolean') return { text: value ? 'true' : 'false' };
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { problem: 'an invalid date' };
    return { text: value.toISOString().slice(0, 10) };
  }
  if (typeof value === 'object') {
    if ('error' in value) return { problem: `an error value (${String(value.error)})` };
    if ('richText' in value && Array.isArray(value.richText))
      return { text: decodeXlsxText(value.richText.map((r) => r.text).join('')) };
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as { result?: unknown }).result;
      if (result === undefined || result === null)
        return {
          problem: 'a formula without a computed value (open and save the file in a spreadsheet first)',
        };
      // The value the spreadsheet computed and showed (an error result is refused like an error cell).
      return cellText(result as ExcelJS.CellValue);
    }
    if ('text' in value && typeof value.text === 'string') return { text: decodeXlsxText(value.text) };
  }
  return { problem: 'a cell value that cannot be read as text' };
}

const SHEET_KINDS = new Map<string, RegistryKind>(REGISTRY_KINDS.map((k) => [k, k]));

/**
 * Reads the registry sheets of a workbook. `ignoredSheets` are other sheet
 * names that may be present (the reference datasets of an export).
 *
 * The whole workbook is loaded (exceljs's streaming reader loses sheet names
 * and shared strings when a workbook stores them after its sheets, as Excel
 * and exceljs itself do), which suits spreadsheets edited by hand; CSV or JSON
 * suit very large imports better.
 */
export async function readXlsxFile(
  file: string,
  label: string,
  problems: ProblemList,
  ignoredSheets: ReadonlySet<string>,
): Promise<{
  records: { [K in RegistryKind]?: RawRecord[] };
  sources: Partial<Record<RegistryKind, string>>;
}> {
  const records: { [K in RegistryKind]?: RawRecord[] } = {};
  const sources: Partial<Record<RegistryKind, string>> = {};
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.readFile(file);
  } catch (e) {
    problems.add({
      source: label,
      row: null,
      column: null,
      message: `cannot be read as an XLSX workbook (${e instanceof Error ? e.message.slice(0, 200) : 'unknown error'})`,
    });
    return { records, sources };
  }
  for (const sheet of workbook.worksheets) {
    const kind = SHEET_KINDS.get(sheet.name);
    const source = `${label}#${sheet.name}`;
    if (!kind) {
      if (!ignoredSheets.has(sheet.name))
        problems.add({
          source,
          row: null,
          column: null,
          message: `is not a sheet of registry records (the sheets are: ${REGISTRY_KINDS.join(', ')})`,
        });
      continue;
    }
    sources[kind] = source;
    records[kind] = readSheet(sheet, kind, source, problems);
  }
  return { records, sources };
}

function readSheet(
  sheet: ExcelJS.Worksheet,
  kind: RegistryKind,
  source: string,
  problems: ProblemList,
): RawRecord[] {
  const out: RawRecord[] = [];
  const header: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, col) => {
    const t = cellText(cell.value);
    header[col - 1] = 'text' in t ? t.text.trim() : '';
  });
  for (let i = 0; i < header.length; i++) header[i] ??= '';
  while (header.length > 0 && header.at(-1) === '') header.pop();
  if (header.length === 0) {
    problems.add({ source, row: 1, column: null, message: 'is empty: row 1 must name the columns' });
    return out;
  }
  if (!checkHeader(kind, header, source, problems)) return out;
  const derived = new Set(DERIVED_HEADERS[kind]);
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const cells: string[] = header.map(() => '');
    const cellProblems: { column: string; message: string }[] = [];
    let outside = false;
    let reference = false;
    row.eachCell((cell, col) => {
      const t = cellText(cell.value);
      const column = header[col - 1];
      if (column === undefined) {
        if (!('text' in t) || t.text !== '') outside = true;
        return;
      }
      if (derived.has(column)) {
        if ('text' in t && isReferenceRow(kind, [column], [t.text])) reference = true;
        return;
      }
      if ('text' in t) cells[col - 1] = t.text;
      else cellProblems.push({ column, message: `holds ${t.problem}` });
    });
    if (reference) return;
    if (outside) {
      problems.add({
        source,
        row: number,
        column: null,
        message: `has a value beyond the ${header.length} named columns`,
      });
      return;
    }
    if (cells.every((c) => c === '') && cellProblems.length === 0) return;
    const { value, problems: decodeProblems } = recordOf(kind, header, cells);
    const all = [...cellProblems, ...decodeProblems];
    out.push({ row: number, value, ...(all.length ? { problems: all } : {}) });
  });
  return out;
}
