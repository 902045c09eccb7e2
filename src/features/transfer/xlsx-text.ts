/**
 * Text in XLSX cells. XML cannot carry most control characters, and XML
 * parsers turn a carriage return into a line feed, so spreadsheets write
 * them as `_xHHHH_` (ECMA-376, ST_Xstring) and escape a literal `_xHHHH_` by
 * writing its underscore as `_x005F_`. Excel reads both back; exceljs leaves
 * them as they are, so the export encodes and the import decodes them here.
 *
 * @example
 * encodeXlsxText('a\r\nb'); // 'a_x000D_\nb'
 * decodeXlsxText(encodeXlsxText('_x0041_')); // '_x0041_'
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const NEEDS_ESCAPE = /[\0-\x08\x0B\x0C\x0D\x0E-\x1F\uFFFE\uFFFF]|_(?=x[0-9A-Fa-f]{4}_)/g;
const ESCAPED = /_x([0-9A-Fa-f]{4})_/g;

const hex = (c: string) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`;

export function encodeXlsxText(text: string): string {
  return text.replace(NEEDS_ESCAPE, hex);
}

export function decodeXlsxText(text: string): string {
  return text.includes('_x')
    ? text.replace(ESCAPED, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)))
    : text;
}
