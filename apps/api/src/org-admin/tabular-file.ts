import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';

/** The two file formats of the tree and roster imports and exports. */
export const FILE_MEDIA_TYPES = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
export type FileFormat = keyof typeof FILE_MEDIA_TYPES;

/** The format a Content-Type (or an Accept entry) names, parameters ignored; undefined for anything else. */
export function fileFormatOf(mediaType: string | undefined): FileFormat | undefined {
  const bare = mediaType?.split(';')[0]?.trim().toLowerCase();
  return (Object.keys(FILE_MEDIA_TYPES) as FileFormat[]).find((format) => FILE_MEDIA_TYPES[format] === bare);
}

/** A line of the file as the person who filled it sees it: its number (the header is row 1) and its cells. */
export interface TableRow {
  readonly rowNumber: number;
  readonly cells: readonly string[];
}

export class UnreadableFileError extends Error {
  override readonly name = 'UnreadableFileError';
}

/** The rows of a CSV (UTF-8, with or without BOM) or of the first sheet of an xlsx workbook, cells trimmed. */
export async function readTable(body: Buffer, format: FileFormat): Promise<TableRow[]> {
  return format === 'csv' ? readCsv(body) : readXlsx(body);
}

function readCsv(body: Buffer): TableRow[] {
  let records: string[][];
  try {
    records = parse(body, { bom: true, relax_column_count: true, skip_empty_lines: false });
  } catch (error) {
    throw new UnreadableFileError(`not a readable CSV file: ${(error as Error).message}`);
  }
  return records
    .map((cells, index) => ({ rowNumber: index + 1, cells: cells.map((cell) => cell.trim()) }))
    .filter((row) => row.cells.some((cell) => cell !== ''));
}

async function readXlsx(body: Buffer): Promise<TableRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's declared Buffer type predates @types/node's generic Buffer; the bytes are what it wants.
    await workbook.xlsx.load(body as unknown as ArrayBuffer);
  } catch (error) {
    throw new UnreadableFileError(`not a readable xlsx workbook: ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const rows: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let column = 1; column <= row.cellCount; column += 1) {
      cells.push(cellText(row.getCell(column).value).trim());
    }
    if (cells.some((cell) => cell !== '')) rows.push({ rowNumber, cells });
  });
  return rows;
}

/** A cell as text: dates as YYYY-MM-DD (Excel stores them as UTC midnight), rich text and formulas by their text. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('result' in value) return cellText(value.result);
    if ('text' in value) return String(value.text);
    if ('error' in value) return String(value.error);
    return '';
  }
  return String(value);
}

/**
 * A table as a file. CSV gets a BOM so spreadsheet programs read the Chinese as UTF-8; in xlsx every cell is
 * text, so an 18-digit ID number is never turned into a rounded number nor a date into a serial.
 */
export async function writeTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  format: FileFormat,
  sheetName: string,
): Promise<Buffer> {
  if (format === 'csv') return Buffer.from(stringify([header, ...rows], { bom: true }), 'utf8');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = header.map((title) => ({
    header: title,
    width: Math.max(12, title.length + 4),
    style: { numFmt: '@' },
  }));
  sheet.addRows(rows.map((row) => [...row]));
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
