// A cell a spreadsheet would run as a formula (or that begins with a control character some
// spreadsheets strip before doing so) gets a leading apostrophe: CSV injection, OWASP.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  // RFC 4180: quote fields holding a delimiter, a quote or a line break; double inner quotes.
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
