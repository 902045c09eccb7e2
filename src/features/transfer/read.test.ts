import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/helpers/db.ts';
import { headersOf } from '../pledges/csv-records.ts';
import { ImportFileError } from './problems.ts';
import { readImportFile } from './read.ts';
import { decodeXlsxText, encodeXlsxText } from './xlsx-text.ts';

const dir = tempDir('cw-read-');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (name: string, content: string | Uint8Array) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
};

/** The problems of a file that cannot be read, as `row:column: message`. */
async function unreadable(file: string, kind?: 'pledges' | 'actors'): Promise<string[]> {
  try {
    await readImportFile(file, kind ? { kind } : {});
  } catch (e) {
    expect(e).toBeInstanceOf(ImportFileError);
    return (e as ImportFileError).problems.map((p) => `${p.row}:${p.column}: ${p.message}`);
  }
  throw new Error(`${file} was read`);
}

const ACTORS = 'id,name,type,iso3,website,synthetic';

describe('reading CSV', () => {
  it('tells the kind from the header, drops a BOM, un-guards cells, numbers rows as a spreadsheet does', async () => {
    const file = write(
      'actors.csv',
      `\ufeff${ACTORS}\r\nA-1,'=cmd|x,civil_society,,,false\r\n,,,,,\r\nA-2,"Two\nlines",igo,KEN,https://example.org,true\r\n`,
    );
    const input = await readImportFile(file);
    expect(input.source).toBe(file);
    expect(input.records.actors).toEqual([
      {
        row: 2,
        value: {
          id: 'A-1',
          name: '=cmd|x',
          type: 'civil_society',
          iso3: null,
          website: null,
          synthetic: false,
        },
      },
      {
        row: 4,
        value: {
          id: 'A-2',
          name: 'Two\nlines',
          type: 'igo',
          iso3: 'KEN',
          website: 'https://example.org',
          synthetic: true,
        },
      },
    ]);
  });

  it('ignores the computed columns of the API downloads, whatever they hold', async () => {
    const file = write(
      'with-derived.csv',
      `${ACTORS},origin,pledgeCount\nA-1,Name,igo,,,false,registry,=7\n`,
    );
    const input = await readImportFile(file);
    expect(input.records.actors?.[0]?.value).toEqual({
      id: 'A-1',
      name: 'Name',
      type: 'igo',
      iso3: null,
      website: null,
      synthetic: false,
    });
  });

  it('keeps cells it cannot read as problems of their row, for the importer to report', async () => {
    const file = write(
      'cells.csv',
      `${headersOf('pledges').join(',')}\nP-1,gcm,A,,T,,policy,,,,other,,,12abc,,,,,P-2,yes\n`,
    );
    const input = await readImportFile(file);
    expect(input.records.pledges?.[0]?.problems).toEqual([
      { column: 'amount', message: 'expected a number, found "12abc"' },
      { column: 'matches', message: 'expected PLEDGE-ID:offer or PLEDGE-ID:need, found "P-2"' },
      { column: 'synthetic', message: 'expected true or false' },
    ]);
  });

  it('refuses unknown, duplicate and missing columns by name', async () => {
    expect(await unreadable(write('unknown.csv', `${ACTORS},colour\n`))).toEqual([
      '1:colour: is not a column of actors (the columns are: id, name, type, iso3, website, synthetic)',
    ]);
    expect(await unreadable(write('twice.csv', `${ACTORS},name\n`))).toEqual([
      '1:name: this column is given twice',
    ]);
    expect(await unreadable(write('which.csv', 'id,name,type\n'))).toEqual([
      '1:null: the header does not match any record kind; the closest is actors, which also needs the column(s) iso3, website, synthetic',
    ]);
    expect(await unreadable(write('kind.csv', `${ACTORS}\n`), 'pledges')).toEqual([
      expect.stringMatching(
        /^1:null: pledges need the column\(s\) compacts, actorId, partnerIds, title, description, /,
      ),
      expect.stringMatching(/^1:name: is not a column of pledges \(the columns are: id, compacts, /),
      '1:iso3: is not a column of pledges',
      '1:website: is not a column of pledges',
    ]);
  });

  it('refuses broken quoting, extra cells, empty files and bytes that are not UTF-8', async () => {
    expect(await unreadable(write('quote.csv', `${ACTORS}\nA-1,"open,igo,,,false\n`))).toEqual([
      '2:null: a quoted cell is never closed (a " is missing)',
    ]);
    expect(await unreadable(write('stray.csv', `${ACTORS}\nA-1,ab"c,igo,,,false\n`))).toEqual([
      '2:null: a " inside a cell that is not quoted (quote the cell and double the ")',
    ]);
    expect(await unreadable(write('extra.csv', `${ACTORS}\nA-1,n,igo,,,false,surplus\n`))).toEqual([
      '2:null: has 7 cells but the header names 6 columns',
    ]);
    expect(await unreadable(write('empty.csv', ''))).toEqual([
      '1:null: is empty: the first row must name the columns',
    ]);
    expect(await unreadable(write('latin1.csv', Uint8Array.from([0x69, 0x64, 0x0a, 0xe9, 0xff])))).toEqual([
      'null:null: is not UTF-8 text (save it as "CSV UTF-8" or JSON)',
    ]);
    expect(
      await unreadable(write('huge.csv', `${ACTORS}\nA-1,"${'x'.repeat(1_000_001)}",igo,,,false\n`)),
    ).toEqual(['2:null: a row longer than 1,000,000 characters']);
  });

  it('reads the registry files of a folder, and says when there are none', async () => {
    const folder = path.join(dir, 'export');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'objectives.csv'), 'id,compact\ngcm-1,gcm\n');
    expect(await unreadable(folder)).toEqual([
      'null:null: holds none of the registry files actors.csv, pledges.csv, updates.csv, assessments.csv, national-reviews.csv',
    ]);
    fs.writeFileSync(path.join(folder, 'actors.csv'), `${ACTORS}\nA-1,n,igo,,,false\n`);
    const input = await readImportFile(folder);
    expect(input.sources).toEqual({ actors: path.join(folder, 'actors.csv') });
    expect(input.records.actors).toHaveLength(1);
  });
});

describe('reading JSON', () => {
  it('reads the registry keys, skips the reference datasets, numbers records from 1', async () => {
    const file = write(
      'doc.json',
      JSON.stringify({
        format: 'compact-watch',
        formatVersion: 1,
        licence: 'x',
        objectives: [{}],
        actors: [{ id: 'A' }],
      }),
    );
    const input = await readImportFile(file);
    expect(input.records).toEqual({ actors: [{ row: 1, value: { id: 'A' } }] });
    expect(input.sources).toEqual({ actors: `${file}#actors` });
  });

  it('refuses other keys, other formats, non-lists and text that is not JSON', async () => {
    expect(
      await unreadable(
        write('keys.json', JSON.stringify({ format: 'other', formatVersion: 2, pledge: [], actors: {} })),
      ),
    ).toEqual([
      'null:format: must be "compact-watch"',
      'null:formatVersion: must be 1; this version of Compact Watch reads no other',
      'null:pledge: is not a key of the document (registry keys: actors, pledges, updates, assessments, nationalReviews)',
      'null:actors: must be a list of records',
    ]);
    expect(await unreadable(write('array.json', '[]'))).toEqual([
      expect.stringMatching(/^null:null: must be a JSON object with the keys actors, pledges/),
    ]);
    expect((await unreadable(write('bad.json', '{"actors": [')))[0]).toMatch(/^null:null: is not valid JSON/);
  });

  it('refuses files of other types, missing files, and --kind outside CSV', async () => {
    expect(await unreadable(write('notes.txt', 'hello'))).toEqual([
      'null:null: is not a .json, .csv or .xlsx file, nor a folder of CSV files',
    ]);
    expect(await unreadable(path.join(dir, 'missing.csv'))).toEqual(['null:null: no such file or folder']);
    expect(await unreadable(write('k.json', '{}'), 'pledges')).toEqual([
      'null:null: --kind applies to CSV files only',
    ]);
  });
});

describe('reading XLSX', () => {
  it('reads cells as text: numbers, dates, booleans, formulas by their value, rich text, escapes', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('states').addRow(['reference sheets are skipped']);
    const sheet = workbook.addWorksheet('pledges');
    sheet.addRow(headersOf('pledges'));
    sheet.addRow([
      'P-1',
      { formula: 'LOWER("GCM")', result: 'gcm' },
      'A-1',
      null,
      { richText: [{ text: '=Rich ' }, { text: 'title' }] },
      'line one_x000D_\nline two',
      'financial',
      'gcm-1;gcm-2',
      null,
      'KEN',
      'imrf-2022',
      new Date(Date.UTC(2022, 4, 20)),
      null,
      1e21,
      'USD',
      null,
      null,
      'https://example.org/a https://example.org/b',
      null,
      false,
    ]);
    sheet.addRow(['P-2', { error: '#N/A' }]);
    const file = path.join(dir, 'hand.xlsx');
    await workbook.xlsx.writeFile(file);

    const input = await readImportFile(file);
    expect(input.sources).toEqual({ pledges: `${file}#pledges` });
    const [first, second] = input.records.pledges ?? [];
    expect(first).toMatchObject({
      row: 2,
      value: {
        compacts: ['gcm'],
        title: '=Rich title',
        description: 'line one\r\nline two',
        objectives: ['gcm-1', 'gcm-2'],
        announcedOn: '2022-05-20',
        amount: 1e21,
        sources: ['https://example.org/a', 'https://example.org/b'],
        synthetic: false,
      },
    });
    expect(first?.problems).toBeUndefined();
    expect(second).toMatchObject({
      row: 3,
      problems: [{ column: 'compacts', message: 'holds an error value (#N/A)' }],
    });
  });

  it('refuses unknown sheets and files that are not workbooks', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Sheet1').addRow(['id']);
    const file = path.join(dir, 'other.xlsx');
    await workbook.xlsx.writeFile(file);
    expect(await unreadable(file)).toEqual([
      'null:null: is not a sheet of registry records (the sheets are: actors, pledges, updates, assessments, nationalReviews)',
    ]);
    expect((await unreadable(write('zip.xlsx', 'PK\u0003\u0004 not really')))[0]).toMatch(
      /^null:null: cannot be read as an XLSX workbook/,
    );
  });

  it('escapes what XML cannot carry, and reads it back', () => {
    for (const text of ['a\r\nb', 'nul\u0000 and bell\u0007', '_x0041_ stays literal', '_x005F_', 'plain']) {
      expect(decodeXlsxText(encodeXlsxText(text))).toBe(text);
    }
    expect(encodeXlsxText('a\rb')).toBe('a_x000D_b');
  });
});
