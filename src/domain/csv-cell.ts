/**
 * Spreadsheet formula injection, prevented reversibly. A text cell that a
 * spreadsheet would run as a formula (it starts with `=`, `+`, `-`, `@`, a tab,
 * a carriage return, a line feed or NUL — possibly after apostrophes) gets one
 * more apostrophe in front; reading the file back removes exactly one. So
 * export → import returns every value unchanged, including values that really
 * begin with apostrophes. Apply to text columns only: numbers stay numbers.
 *
 * @example
 * protectCell('=HYPERLINK("x")'); // "'=HYPERLINK(\"x\")"
 * unprotectCell(protectCell("'-5")); // "'-5"
 */

const NEEDS_GUARD = /^'*[=+\-@\t\r\n\0]/;
const GUARDED = /^'+[=+\-@\t\r\n\0]/;

export function protectCell(value: string): string {
  return NEEDS_GUARD.test(value) ? `'${value}` : value;
}

export function unprotectCell(value: string): string {
  return GUARDED.test(value) ? value.slice(1) : value;
}

/** Whether a spreadsheet would evaluate this cell as a formula. */
export function isFormulaLike(value: string): boolean {
  return /^[=+\-@\t\r\n\0]/.test(value);
}
