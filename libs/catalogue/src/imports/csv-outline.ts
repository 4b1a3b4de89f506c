const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

export interface CsvOutline {
  /** Rows with anything in them, the header included (a quoted line break does not end a row). */
  rows: number;
  /** The most fields in one row. */
  maxFields: number;
}

/**
 * Counts a CSV's rows and fields in one pass over its bytes without parsing it, so the web
 * process can refuse a file too big to import before storing it (the worker parses it).
 */
export function outlineCsv(source: Buffer): CsvOutline {
  let rows = 0;
  let maxFields = 0;
  let quoted = false;
  let blank = true;
  let fields = 1;
  for (let i = 0; i <= source.length; i++) {
    const byte = source[i];
    if (byte === QUOTE) quoted = !quoted;
    else if (byte === undefined || (!quoted && (byte === LF || byte === CR))) {
      if (!blank) {
        rows++;
        maxFields = Math.max(maxFields, fields);
      }
      blank = true;
      fields = 1;
      continue;
    } else if (!quoted && byte === COMMA) fields++;
    blank = false;
  }
  return { rows, maxFields };
}
