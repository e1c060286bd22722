import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';
import { parseCsv } from './DataTable';

describe('the data table reads what the CSV export writes', () => {
  it('parameters as notes, the header, and every row, names with commas intact', () => {
    const csv = toCsv({ 'x, σ²': [1, 2, 3], 'loss "train"': [0.5, 0.25, 0.125] }, { sigma2: 2, seed: 7 });
    const t = parseCsv(csv);
    expect(t.header).toEqual(['x, σ²', 'loss "train"']);
    expect(t.rows).toEqual([
      ['1', '0.5'],
      ['2', '0.25'],
      ['3', '0.125'],
    ]);
    expect(t.notes.join(' ')).toMatch(/sigma2.*2/);
  });
});
