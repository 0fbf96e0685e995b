/**
 * The one CSV writer for every export (dashboard CSV, weekly report): RFC 4180 via csv-stringify,
 * CRLF line ends, a UTF-8 BOM so spreadsheet apps read Vietnamese, and text cells starting with
 * = + - @ (or a tab / carriage return) prefixed with ' so a spreadsheet never runs them as formulas.
 * Numbers are written as numbers (a negative change stays -12.5).
 */
import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | null;

export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return stringify(
    rows.map((r) => [...r]),
    { bom: true, record_delimiter: 'windows', escape_formulas: true },
  );
}
