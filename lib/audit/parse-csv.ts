import 'server-only';

export interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  line: number;
  cells: string[];
}

/**
 * Parses RFC 4180 text (quoted fields may hold commas, quotes and line breaks; CRLF or LF ends a record).
 * Throws on a quote inside an unquoted field or an unterminated quoted field, naming the line.
 */
export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const start = line;
    const cells: string[] = [];
    for (;;) {
      let cell = '';
      if (text[i] === '"') {
        i += 1;
        for (;;) {
          if (i >= text.length) throw new Error(`line ${start}: a quoted field is not closed`);
          const ch = text[i] as string;
          if (ch === '"' && text[i + 1] === '"') {
            cell += '"';
            i += 2;
          } else if (ch === '"') {
            i += 1;
            break;
          } else {
            if (ch === '\n') line += 1;
            cell += ch;
            i += 1;
          }
        }
      } else {
        while (i < text.length && !',\r\n'.includes(text[i] as string)) {
          if (text[i] === '"') throw new Error(`line ${line}: a quote inside an unquoted field`);
          cell += text[i];
          i += 1;
        }
      }
      cells.push(cell);
      if (text[i] === ',') {
        i += 1;
        continue;
      }
      if (text[i] === '\r' && text[i + 1] === '\n') i += 2;
      else if (text[i] === '\n' || text[i] === '\r') i += 1;
      else if (i < text.length) throw new Error(`line ${line}: unexpected text after a quoted field`);
      line += 1;
      break;
    }
    records.push({ line: start, cells });
  }
  return records;
}
