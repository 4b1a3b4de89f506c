import { describe, expect, it } from '@jest/globals';
import { outlineCsv } from './csv-outline.js';

describe('outlineCsv', () => {
  it('counts rows with anything in them, whatever the line ends, and not line breaks inside quotes', () => {
    expect(outlineCsv(Buffer.from('a,b\r\n1,"x\r\ny"\r\n\r\n2,"say ""hi"""\n\n'))).toEqual({ rows: 3, maxFields: 2 });
    expect(outlineCsv(Buffer.from('a,b\n1,2'))).toEqual({ rows: 2, maxFields: 2 });
    expect(outlineCsv(Buffer.alloc(0))).toEqual({ rows: 0, maxFields: 0 });
  });

  it('finds the widest row, commas inside quotes not counted', () => {
    expect(outlineCsv(Buffer.from(`a,b\n"1,2,3",4\n${','.repeat(99)}\n`))).toEqual({ rows: 3, maxFields: 100 });
  });
});
