/**
 * CSV as Go's encoding/csv reads it (RFC 4180, blank lines skipped, every record as wide as the
 * first), with its error messages, for csvdecode().
 */
import { FunctionError } from '../function.js';

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let line = 1;
  let i = 0;
  const fail = (msg: string, at: number): never => {
    throw new FunctionError(`CSV parse error on line ${at}: ${msg}`);
  };
  while (i < text.length) {
    const recordLine = line;
    if (text[i] === '\n' || (text[i] === '\r' && text[i + 1] === '\n')) {
      i += text[i] === '\r' ? 2 : 1;
      line++;
      continue;
    }
    const fields: string[] = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= text.length) fail('extraneous or missing " in quoted-field', recordLine);
          const c = text[i] as string;
          if (c === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n') line++;
          if (c === '\r' && text[i + 1] === '\n') {
            i++;
            continue;
          }
          field += c;
          i++;
        }
        if (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          fail('extraneous or missing " in quoted-field', line);
        }
      } else {
        while (i < text.length && text[i] !== ',' && text[i] !== '\n') {
          if (text[i] === '"') fail('bare " in non-quoted-field', line);
          if (text[i] === '\r' && text[i + 1] === '\n') break;
          field += text[i];
          i++;
        }
      }
      fields.push(field);
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '\r') i++;
      if (text[i] === '\n') {
        i++;
        line++;
      }
      break;
    }
    if (rows.length > 0 && fields.length !== (rows[0] as string[]).length) {
      fail('wrong number of fields', recordLine);
    }
    rows.push(fields);
  }
  return rows;
}
