/**
 * What a spreadsheet does with a CSV cell, written independently of the exporter so the fuzz
 * test checks the exporter against a definition rather than against itself.
 *
 * A cell counts as a formula when Excel, LibreOffice Calc or WPS could evaluate it on opening:
 * - it starts with = + - @ (OWASP's CSV injection list), or with their full-width or small
 *   forms ＝ ＋ － ＠ ﹦ ﹢ ﹣ ﹫, which some spreadsheet versions fold to ASCII;
 * - it starts with a tab or carriage return (OWASP lists both as formula starters);
 * - any of those characters follows leading whitespace, control characters or invisible format
 *   characters (zero-width, bidi controls, byte order mark), because a reader that trims cells
 *   before evaluating, as LibreOffice's text import can, would see the formula character first.
 * Plain decimal numbers such as -5 or 0.25 are read as numbers, not formulas, and are allowed.
 * A cell that starts with an apostrophe is text in every one of these programs.
 */
const IGNORABLE_PREFIX = /^[\s\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]*/u;
const FORMULA_CHARACTERS = new Set(['=', '+', '-', '@', '＝', '＋', '－', '＠', '﹦', '﹢', '﹣', '﹫']);
const DECIMAL_NUMBER = /^-?\d+(\.\d+)?$/;

export function spreadsheetWouldEvaluate(cell: string): boolean {
  return !DECIMAL_NUMBER.test(cell) && hasFormulaStart(cell);
}

/** True for text that starts like a formula, numbers included (the exporter guards text "-5" too). */
export function hasFormulaStart(text: string): boolean {
  if (text.startsWith('\t') || text.startsWith('\r')) return true;
  const first = [...text.replace(IGNORABLE_PREFIX, '')][0];
  return first !== undefined && FORMULA_CHARACTERS.has(first);
}

/**
 * Undoes the exporter's documented guard: one leading apostrophe is removed from a cell whose
 * remaining text, ignoring further leading apostrophes, would be evaluated as a formula.
 */
export function undoFormulaGuard(cell: string): string {
  if (!cell.startsWith("'")) return cell;
  const rest = cell.slice(1);
  return hasFormulaStart(rest.replace(/^'+/, '')) ? rest : cell;
}
