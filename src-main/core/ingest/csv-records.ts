/**
 * A pull-based RFC 4180 record reader over decoded text chunks: quoted fields, doubled quotes,
 * delimiters and line breaks inside quotes, and CRLF, LF or lone CR line endings. It scans with
 * indexOf from cached positions instead of looking at every character, which keeps plain
 * unquoted data fast. The unfinished tail of a chunk is carried into the next push, so each
 * record lies wholly inside the current buffer and its raw text is one slice.
 */

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** End of a record: a line break, the end of the file, or the end of the file inside an open quote. */
export type RecordEnding = 'lineBreak' | 'endOfFile' | 'openQuote';

export class CsvRecordReader {
  /** 1-based physical line where the last returned record starts. */
  recordLine = 0;
  recordEnding: RecordEnding = 'lineBreak';

  private text = '';
  private position = 0;
  private line = 1;
  private ended = false;
  private recordStart = 0;
  private recordEnd = 0;
  private nextDelimiter = -1;
  private nextLf = -1;
  private nextCr = -1;
  private nextQuote = -1;
  private readonly delimiterCode: number;

  /** Field array of plain records when the caller lets records share one (see the constructor). */
  private readonly sharedFields: string[] | null;

  /**
   * With `shareFieldArray`, records without quotes are returned in one array that the next call
   * overwrites, which saves allocating an array per record. Set it only where each record is
   * used up before the next call.
   */
  constructor(
    private readonly delimiter: string,
    options: { shareFieldArray?: boolean } = {},
  ) {
    this.delimiterCode = delimiter.charCodeAt(0);
    this.sharedFields = options.shareFieldArray === true ? [] : null;
  }

  /**
   * Appends decoded text; the unread part of the previous text is kept in front of it.
   * NOTE: an unfinished record is scanned again after every push, so one quoted field of many
   * megabytes costs time quadratic in its number of chunks.
   */
  push(chunk: string): void {
    if (this.position >= this.text.length) {
      this.text = chunk;
    } else {
      // join() builds one flat string. A `+` concatenation builds a cons string, on which each
      // indexOf call goes through the V8 runtime: about twice as slow in a Node 20 measurement.
      const unread = this.position === 0 ? this.text : this.text.slice(this.position);
      this.text = [unread, chunk].join('');
    }
    this.position = 0;
    this.resetScanCache();
  }

  /** Marks the end of input, so the last record is returned even without a line break. */
  end(): void {
    this.ended = true;
  }

  /** Returns the raw text of the last returned record without its line break, cut at `maxLength` characters. */
  rawRecord(maxLength = 4096): string {
    return this.text.slice(this.recordStart, Math.min(this.recordEnd, this.recordStart + maxLength));
  }

  /** Returns the next record's fields, or null when more input is needed (or none is left). */
  next(): string[] | null {
    const fields = this.readRecord();
    // A failed attempt may have cached positions beyond the record start, which the retry must not reuse.
    if (fields === null) this.resetScanCache();
    return fields;
  }

  private readRecord(): string[] | null {
    const text = this.text;
    const length = text.length;
    if (this.position >= length) return null;

    const plain = this.readPlainRecord();
    if (plain !== null) return plain;

    const fields: string[] = [];
    let position = this.position;
    let lineBreaksInside = 0;

    nextField: for (;;) {
      if (text.charCodeAt(position) === QUOTE) {
        const quoted = this.readQuotedField(position);
        if (quoted === null) return null;
        fields.push(quoted.value);
        lineBreaksInside += quoted.lineBreaks;
        position = quoted.end;
        if (quoted.openQuote) return this.finishRecord(fields, length, length, lineBreaksInside, 'openQuote');
      } else {
        const fieldEnd = this.findFieldEnd(position);
        fields.push(text.slice(position, fieldEnd));
        position = fieldEnd;
      }

      for (;;) {
        const code = text.charCodeAt(position);
        if (code === this.delimiterCode) {
          position++;
          continue nextField;
        }
        if (position >= length) {
          if (!this.ended) return null;
          return this.finishRecord(fields, length, length, lineBreaksInside, 'endOfFile');
        }
        if (code === CR || code === LF) {
          // A CR at the very end of a chunk may be the first half of a CRLF.
          if (code === CR && position + 1 >= length && !this.ended) return null;
          const after = code === CR && text.charCodeAt(position + 1) === LF ? position + 2 : position + 1;
          return this.finishRecord(fields, position, after, lineBreaksInside, 'lineBreak');
        }

        // Text after a closing quote (`"ab"cd`) stays part of the field, as spreadsheets keep it.
        const tailEnd = this.findFieldEnd(position);
        fields[fields.length - 1] += text.slice(position, tailEnd);
        position = tailEnd;
      }
    }
  }

  private finishRecord(
    fields: string[],
    recordEnd: number,
    nextPosition: number,
    lineBreaksInside: number,
    ending: RecordEnding,
  ): string[] {
    this.recordStart = this.position;
    this.recordEnd = recordEnd;
    this.recordLine = this.line;
    this.recordEnding = ending;
    this.position = nextPosition;
    this.line += lineBreaksInside + (ending === 'lineBreak' ? 1 : 0);
    return fields;
  }

  /**
   * Reads the next record when it ends with a line break inside the buffer and contains no
   * quote, as most records of most exports do. Its fields are then the slices between
   * delimiters up to the line break. Returns null when the record needs the general reader.
   */
  private readPlainRecord(): string[] | null {
    const text = this.text;
    const start = this.position;
    const lineEnd = this.findLineBreak(start);
    if (lineEnd === -1) return null;
    if (this.nextQuote !== -2 && this.nextQuote < start) {
      const found = text.indexOf('"', start);
      this.nextQuote = found === -1 ? -2 : found;
    }
    if (this.nextQuote >= 0 && this.nextQuote < lineEnd) return null;

    let after = lineEnd + 1;
    if (text.charCodeAt(lineEnd) === CR) {
      // A CR at the very end of a chunk may be the first half of a CRLF.
      if (after >= text.length && !this.ended) return null;
      if (text.charCodeAt(after) === LF) after++;
    }

    // Fields are written by index, because `length = 0` would free a shared array's storage.
    const fields = this.sharedFields ?? [];
    let count = 0;
    let fieldStart = start;
    let delimiter = this.nextDelimiter;
    if (delimiter !== -2 && delimiter < start) delimiter = text.indexOf(this.delimiter, start);
    while (delimiter !== -1 && delimiter !== -2 && delimiter < lineEnd) {
      fields[count++] = text.slice(fieldStart, delimiter);
      fieldStart = delimiter + 1;
      delimiter = text.indexOf(this.delimiter, fieldStart);
    }
    fields[count++] = text.slice(fieldStart, lineEnd);
    if (fields.length > count) fields.length = count;
    this.nextDelimiter = delimiter === -1 ? -2 : delimiter;

    return this.finishRecord(fields, lineEnd, after, 0, 'lineBreak');
  }

  /** Returns the position of the first LF or CR at or after `from`, or -1 when the buffer has none. */
  private findLineBreak(from: number): number {
    const text = this.text;
    if (this.nextLf !== -2 && this.nextLf < from) {
      const found = text.indexOf('\n', from);
      this.nextLf = found === -1 ? -2 : found;
    }
    if (this.nextCr !== -2 && this.nextCr < from) {
      const found = text.indexOf('\r', from);
      this.nextCr = found === -1 ? -2 : found;
    }
    if (this.nextLf < 0) return this.nextCr < 0 ? -1 : this.nextCr;
    return this.nextCr < 0 || this.nextLf < this.nextCr ? this.nextLf : this.nextCr;
  }

  /** Returns the end of an unquoted field: the next delimiter or line break, or the text's end. */
  private findFieldEnd(from: number): number {
    const text = this.text;
    if (this.nextDelimiter !== -2 && this.nextDelimiter < from) {
      const found = text.indexOf(this.delimiter, from);
      this.nextDelimiter = found === -1 ? -2 : found;
    }
    if (this.nextLf !== -2 && this.nextLf < from) {
      const found = text.indexOf('\n', from);
      this.nextLf = found === -1 ? -2 : found;
    }
    if (this.nextCr !== -2 && this.nextCr < from) {
      const found = text.indexOf('\r', from);
      this.nextCr = found === -1 ? -2 : found;
    }

    let end = text.length;
    if (this.nextDelimiter >= 0 && this.nextDelimiter < end) end = this.nextDelimiter;
    if (this.nextLf >= 0 && this.nextLf < end) end = this.nextLf;
    if (this.nextCr >= 0 && this.nextCr < end) end = this.nextCr;
    return end;
  }

  /**
   * Reads a quoted field starting at the opening quote. Returns null when the buffer ends before
   * the field can be closed and more input may follow.
   */
  private readQuotedField(
    opening: number,
  ): { value: string; end: number; lineBreaks: number; openQuote: boolean } | null {
    const text = this.text;
    let value = '';
    let from = opening + 1;

    for (;;) {
      const close = text.indexOf('"', from);
      if (close === -1 || (close + 1 >= text.length && !this.ended)) {
        if (!this.ended) return null;
        value += text.slice(from);
        return { value, end: text.length, lineBreaks: countLineBreaks(text, opening, text.length), openQuote: true };
      }
      if (text.charCodeAt(close + 1) === QUOTE) {
        value += text.slice(from, close + 1);
        from = close + 2;
        continue;
      }
      value += text.slice(from, close);
      return { value, end: close + 1, lineBreaks: countLineBreaks(text, opening, close), openQuote: false };
    }
  }

  private resetScanCache(): void {
    this.nextDelimiter = -1;
    this.nextLf = -1;
    this.nextCr = -1;
    this.nextQuote = -1;
  }
}

/** Counts LF, CRLF and lone CR line breaks in text[from, to). */
function countLineBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const code = text.charCodeAt(i);
    if (code === LF) count++;
    else if (code === CR && text.charCodeAt(i + 1) !== LF) count++;
  }
  return count;
}
