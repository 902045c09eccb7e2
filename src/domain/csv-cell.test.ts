import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toCsv } from '../http/list.ts';
import { isFormulaLike, protectCell, unprotectCell } from './csv-cell.ts';

// Strings rich in the characters that matter: triggers, apostrophes, quotes, separators, newlines.
const tricky = fc.string({
  unit: fc.oneof(
    fc.constantFrom("'", '=', '+', '-', '@', '\t', '\r', '\n', '\0', '"', ',', ';', 'a', 'é', '中'),
    fc.string({ maxLength: 1 }),
  ),
  maxLength: 12,
});

describe('protectCell / unprotectCell', () => {
  it('guards formula-like cells', () => {
    expect(protectCell('=1+1')).toBe("'=1+1");
    expect(protectCell('-5')).toBe("'-5");
    expect(protectCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(protectCell('Brazil')).toBe('Brazil');
    expect(protectCell("'=x")).toBe("''=x");
  });

  it('round-trips every string exactly (the naive rule fails on "\'-")', () => {
    expect(unprotectCell(protectCell("'-"))).toBe("'-");
    fc.assert(
      fc.property(tricky, (s) => {
        expect(unprotectCell(protectCell(s))).toBe(s);
      }),
      { numRuns: 2000 },
    );
  });

  it('never leaves a cell a spreadsheet would run as a formula', () => {
    fc.assert(
      fc.property(tricky, (s) => {
        expect(isFormulaLike(protectCell(s))).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('toCsv', () => {
  it('guards text cells and leaves numbers alone', () => {
    const csv = toCsv(
      [{ name: '=HYPERLINK("http://x")', n: -3 }],
      [
        { header: 'name', value: (r) => r.name },
        { header: 'n', value: (r) => r.n },
      ],
    );
    expect(csv).toBe('name,n\n"\'=HYPERLINK(""http://x"")",-3\n');
  });
});
