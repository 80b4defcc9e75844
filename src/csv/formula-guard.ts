// Spreadsheet formula injection: a cell starting =, +, -, @, tab or carriage return (or apostrophes
// before one, so that a value really starting `'=` survives the round trip) is run as a formula by
// spreadsheets. Exports prefix it with an apostrophe; imports take that apostrophe off again.
const FORMULA_START = /^'*[=+\-@\t\r]/;

export function withFormulaGuard(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

export function withoutFormulaGuard(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}
