import { readTable, writeTable, fileFormatOf } from './tabular-file';
import { acceptedFormat } from './org-transfer.service';

describe('tabular files', () => {
  const header = ['组织代码/code', '名称/name'];
  const rows = [
    ['DX-1', '东村，"第一"党支部'],
    ['320602198801015019', '2026-01-05'],
  ];

  it.each(['csv', 'xlsx'] as const)(
    '%s: what is written is read back cell for cell, numbered as rows',
    async (format) => {
      const file = await writeTable(header, rows, format, '组织');
      expect(await readTable(file, format)).toEqual([
        { rowNumber: 1, cells: header },
        { rowNumber: 2, cells: rows[0] },
        { rowNumber: 3, cells: rows[1] },
      ]);
    },
  );

  it('reads a CSV without BOM, skipping blank lines but keeping the numbering', async () => {
    const table = await readTable(Buffer.from('code,name\n\nA, 甲 \n'), 'csv');
    expect(table).toEqual([
      { rowNumber: 1, cells: ['code', 'name'] },
      { rowNumber: 3, cells: ['A', '甲'] },
    ]);
  });

  it('refuses what is not a workbook', async () => {
    await expect(readTable(Buffer.from('not a zip'), 'xlsx')).rejects.toThrow('not a readable xlsx workbook');
  });

  it('knows the media types, and answers xlsx only when asked for it', () => {
    expect(fileFormatOf('text/csv; charset=utf-8')).toBe('csv');
    expect(fileFormatOf('application/json')).toBeUndefined();
    expect(acceptedFormat(undefined)).toBe('csv');
    expect(acceptedFormat('*/*')).toBe('csv');
    expect(acceptedFormat('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe('xlsx');
  });
});
