import { stringify, type Options } from "csv-stringify/sync";

const options: Options = {
  // RFC 4180: CRLF between records; fields with a delimiter, quote or line break are quoted.
  record_delimiter: "windows",
  // With an explicit record_delimiter the library would leave a lone \n or \r unquoted.
  quote_record_delimiter: true,
  // CSV injection (OWASP): a cell starting with = + - @ tab or CR (or their full-width forms) gets
  // a leading apostrophe, so a spreadsheet shows it as text instead of running it.
  escape_formulas: true,
  // Spreadsheets in locales whose list separator is ";" split unquoted cells there.
  quoted_match: /;/,
};

/** Rows as RFC 4180 CSV text, each ending in CRLF, safe to open in a spreadsheet. */
export function csvRows(rows: readonly (readonly unknown[])[]): string {
  return rows.length ? stringify(rows as unknown[][], options) : "";
}

export function csvRow(values: readonly unknown[]): string {
  return csvRows([values]);
}

export function csvCell(value: unknown): string {
  return csvRow([value]).slice(0, -2);
}
