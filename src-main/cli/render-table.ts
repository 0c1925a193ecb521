export type Alignment = 'left' | 'right';

export interface TableColumn {
  header: string;
  align?: Alignment;
  /** Longer cells are cut and end in an ellipsis; measured in terminal columns. */
  maxWidth?: number;
}

/**
 * Renders rows as a plain-text table with a header and a dashed rule. Widths are measured in
 * terminal columns, so Chinese text (two columns per character) lines up with Latin text.
 */
export function renderTable(columns: TableColumn[], rows: string[][]): string {
  const cells = rows.map((row) => columns.map((column, index) => clip(row[index] ?? '', column.maxWidth)));
  const widths = columns.map((column, index) =>
    Math.max(displayWidth(column.header), ...cells.map((row) => displayWidth(row[index] ?? ''))),
  );

  const formatRow = (row: string[]): string =>
    row
      .map((cell, index) => pad(cell, widths[index] ?? 0, columns[index]?.align ?? 'left'))
      .join('  ')
      .trimEnd();

  const header = formatRow(columns.map((column) => column.header));
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [header, rule, ...cells.map(formatRow)].join('\n');
}

/** Returns the number of terminal columns `text` takes: East Asian wide characters count two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += isWide(char.codePointAt(0) ?? 0) ? 2 : 1;
  return width;
}

function pad(cell: string, width: number, align: Alignment): string {
  const fill = ' '.repeat(Math.max(0, width - displayWidth(cell)));
  return align === 'right' ? fill + cell : cell + fill;
}

function clip(text: string, maxWidth: number | undefined): string {
  const singleLine = text.replace(/\s+/g, ' ');
  if (maxWidth === undefined || displayWidth(singleLine) <= maxWidth) return singleLine;

  let result = '';
  let width = 0;
  for (const char of singleLine) {
    const charWidth = isWide(char.codePointAt(0) ?? 0) ? 2 : 1;
    if (width + charWidth > maxWidth - 1) break;
    result += char;
    width += charWidth;
  }
  return `${result}…`;
}

/** Wide and fullwidth ranges of Unicode's East Asian Width property that shop data uses. */
function isWide(codePoint: number): boolean {
  return (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0x303e) ||
    (codePoint >= 0x3041 && codePoint <= 0x33ff) ||
    (codePoint >= 0x3400 && codePoint <= 0x4dbf) ||
    (codePoint >= 0x4e00 && codePoint <= 0x9fff) ||
    (codePoint >= 0xa000 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x1f300 && codePoint <= 0x1f64f) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd)
  );
}
