/**
 * Parses CSV text strictly per RFC 4180 to check exports: quoted fields with doubled quotes,
 * records ended by CRLF. Throws on what a lenient reader would guess at, because each of these
 * means a value escaped its cell: a quote inside an unquoted field, text after a closing quote,
 * a bare CR or LF outside quotes, a quoted field that never closes, a last record without CRLF.
 */
export function readCsv(text: string, delimiter: ',' | ';' = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let closed = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') {
        quoted = false;
        closed = true;
      } else {
        field += char;
      }
    } else if (char === delimiter) {
      row.push(field);
      field = '';
      closed = false;
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      closed = false;
      i += 1;
    } else if (closed) {
      throw new Error(`CSV record ${rows.length + 1}: text after a closing quote at offset ${i}`);
    } else if (char === '"') {
      if (field !== '') throw new Error(`CSV record ${rows.length + 1}: quote inside an unquoted field at offset ${i}`);
      quoted = true;
    } else if (char === '\r' || char === '\n') {
      throw new Error(`CSV record ${rows.length + 1}: bare line break outside quotes at offset ${i}`);
    } else {
      field += char;
    }
  }
  if (quoted) throw new Error('CSV ends inside a quoted field');
  if (field !== '' || row.length > 0 || closed) throw new Error('CSV does not end with CRLF');
  return rows;
}
