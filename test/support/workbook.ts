import ExcelJS from 'exceljs';

/** Reads an xlsx file's bytes. */
export async function workbookOf(body: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  return workbook;
}

/** A sheet's rows as objects keyed by the header row's titles. */
export function rowsOf(workbook: ExcelJS.Workbook, name: string): Record<string, unknown>[] {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`the workbook has no sheet ${name}`);
  const header = sheet.getRow(1);
  const rows: Record<string, unknown>[] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    const cells: [string, unknown][] = [];
    for (let column = 1; column <= header.cellCount; column++) {
      cells.push([header.getCell(column).text, row.getCell(column).value]);
    }
    rows.push(Object.fromEntries(cells));
  });
  return rows;
}
