import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';

import { Clock, ProblemError } from '@app/config';
import { type Principal, chinaLocalDate, scopeRootId } from '@app/domain';
import { OrgAdminRepository, OrgTransferRepository } from '@app/persistence';

import { type ImportCounts, type Numbered, planRosterImport, planTreeImport } from './import-plans';
import { OrgAdminService, actorOf } from './org-admin.service';
import { type ImportResultResponse } from './org-admin.responses';
import {
  ROSTER_COLUMNS,
  type RowProblem,
  TREE_COLUMNS,
  headerOf,
  mapHeader,
  parseRosterRow,
  parseTreeRow,
  rosterCells,
  treeCells,
} from './org-file-shapes';
import {
  FILE_MEDIA_TYPES,
  type FileFormat,
  type TableRow,
  UnreadableFileError,
  fileFormatOf,
  readTable,
  writeTable,
} from './tabular-file';

/** The file a request carried: its bytes and its Content-Type. */
export interface UploadedFile {
  readonly body: unknown;
  readonly contentType: string | undefined;
}

/** A file to send back. */
export interface DownloadFile {
  readonly body: Buffer;
  readonly mediaType: string;
  readonly filename: string;
}

export type FileContent = 'TREE' | 'ROSTER';

/** The format an Accept header asks for: xlsx when it names xlsx, else CSV (also for none or *\/*). */
export function acceptedFormat(accept: string | undefined): FileFormat {
  const wanted = (accept ?? '').split(',').map((entry) => fileFormatOf(entry));
  return wanted.includes('xlsx') && !wanted.slice(0, wanted.indexOf('xlsx')).includes('csv') ? 'xlsx' : 'csv';
}

/**
 * The data rows of a file under its header, each parsed, with every problem found (a header that does not fit
 * refuses the whole file at once).
 */
function parsedRows<K extends string, Row>(
  table: readonly TableRow[],
  columns: readonly { readonly key: K; readonly label: string; readonly required: boolean }[],
  parse: (line: TableRow, index: Record<K, number | undefined>) => { row?: Row; problems: RowProblem[] },
): { rows: Numbered<Row>[]; problems: RowProblem[] } {
  const header = mapHeader(table[0], columns);
  if (!header.ok) throw invalidRows(header.problems);
  const problems: RowProblem[] = [];
  const rows: Numbered<Row>[] = [];
  for (const line of table.slice(1)) {
    const parsed = parse(line, header.index);
    problems.push(...parsed.problems);
    if (parsed.row) rows.push({ rowNumber: line.rowNumber, row: parsed.row });
  }
  return { rows, problems };
}

/**
 * Import and export of a county's org tree and member roster (CSV or xlsx) by the org department. An import
 * checks every row first; any bad row and nothing is written (422 listing each with its row, column and rule
 * code); a clean file is written in one transaction. Rows that match what is recorded change nothing, so the
 * same file twice (or an export read back) reports them unchanged.
 */
@Injectable()
export class OrgTransferService {
  constructor(
    private readonly admin: OrgAdminService,
    private readonly transfer: OrgTransferRepository,
    private readonly audit: OrgAdminRepository,
    private readonly clock: Clock,
  ) {}

  async importTree(
    principal: Principal,
    reference: string,
    file: UploadedFile,
    dryRun: boolean,
  ): Promise<ImportResultResponse> {
    const { anchor, table, sha256 } = await this.anchoredFile(principal, reference, file);
    const { rows, problems } = parsedRows(table, TREE_COLUMNS, parseTreeRow);
    const codes = rows.flatMap(({ row }) => [row.code, row.parentCode]);
    const planned = planTreeImport(rows, anchor, await this.transfer.unitsByCode(codes), randomUUID);
    problems.push(...planned.problems);
    if (problems.length > 0) throw invalidRows(problems);
    const counts = { ...planned.counts, rows: table.length - 1 };
    if (!dryRun && planned.plan.creates.length + planned.plan.updates.length > 0) {
      await this.transfer.applyTree(planned.plan, actorOf(principal), sha256);
    }
    return result('TREE', anchor.code, sha256, counts, dryRun);
  }

  async importRoster(
    principal: Principal,
    reference: string,
    file: UploadedFile,
    dryRun: boolean,
  ): Promise<ImportResultResponse> {
    const { anchor, table, sha256 } = await this.anchoredFile(principal, reference, file);
    const today = chinaLocalDate(this.clock.now());
    const { rows, problems } = parsedRows(table, ROSTER_COLUMNS, (line, index) =>
      parseRosterRow(line, index, today),
    );
    const [units, people] = await Promise.all([
      this.transfer.unitsByCode(rows.map(({ row }) => row.branchCode)),
      this.transfer.peopleByNationalId(rows.map(({ row }) => row.nationalId)),
    ]);
    const planned = planRosterImport(rows, anchor, scopeRootId(principal.orgUnit), units, people);
    problems.push(...planned.problems);
    if (problems.length > 0) throw invalidRows(problems);
    const counts = { ...planned.counts, rows: table.length - 1 };
    if (!dryRun && planned.plan.newPeople.length + planned.plan.changed.length > 0) {
      await this.transfer.applyRoster(planned.plan, anchor, actorOf(principal), sha256, counts);
    }
    return result('ROSTER', anchor.code, sha256, counts, dryRun);
  }

  /** The open unit a file is imported under (administered by the caller), and the file read. */
  private async anchoredFile(principal: Principal, reference: string, file: UploadedFile) {
    const anchor = await this.admin.administrable(principal, reference);
    if (anchor.closedOn) throw closedAnchor(anchor.code);
    return { anchor, ...(await this.read(file)) };
  }

  /** The tree (open units below the unit) or the roster (members at or below it), audited as an export. */
  async export(
    principal: Principal,
    reference: string,
    content: FileContent,
    format: FileFormat,
  ): Promise<DownloadFile> {
    const anchor = await this.admin.administrable(principal, reference);
    const [columns, rows] =
      content === 'TREE'
        ? [TREE_COLUMNS, (await this.transfer.treeRows(anchor)).map(treeCells)]
        : [ROSTER_COLUMNS, (await this.transfer.rosterRows(anchor)).map(rosterCells)];
    const sheet = content === 'TREE' ? '组织' : '党员';
    const body = await writeTable(headerOf(columns), rows, format, sheet);
    await this.audit.recordExport({
      orgUnitId: anchor.id,
      content,
      mediaType: FILE_MEDIA_TYPES[format],
      rowCount: rows.length,
      actor: actorOf(principal),
    });
    return {
      body,
      mediaType: FILE_MEDIA_TYPES[format],
      filename: `${anchor.code}-${content.toLowerCase()}-${chinaLocalDate(this.clock.now())}.${format}`,
    };
  }

  private async read(file: UploadedFile): Promise<{ table: TableRow[]; sha256: string }> {
    const format = fileFormatOf(file.contentType);
    if (!format || !Buffer.isBuffer(file.body)) {
      throw new ProblemError(
        415,
        'UNSUPPORTED_MEDIA_TYPE',
        '文件格式不受支持',
        `send the file as ${Object.values(FILE_MEDIA_TYPES).join(' or ')} (got ${file.contentType ?? 'no content type'})`,
      );
    }
    try {
      return {
        table: await readTable(file.body, format),
        sha256: createHash('sha256').update(file.body).digest('hex'),
      };
    } catch (error) {
      if (!(error instanceof UnreadableFileError)) throw error;
      throw new ProblemError(400, 'IMPORT_FILE_UNREADABLE', '文件无法读取', error.message);
    }
  }
}

function invalidRows(found: readonly RowProblem[]): ProblemError {
  // Cell problems and problems against the tree are found in two passes; the list reads in file order.
  const problems = [...found].sort((a, b) => a.row - b.row);
  const first = problems[0]!;
  return new ProblemError(
    422,
    'IMPORT_ROWS_INVALID',
    '导入文件有错误，未导入任何数据',
    `${new Set(problems.map((each) => each.row)).size} 行有错误（首个：第 ${first.row} 行 ${first.column ?? ''} ${first.code}：${first.message}）`,
    { rowErrors: problems },
  );
}

function closedAnchor(code: string): ProblemError {
  return new ProblemError(
    409,
    'ORG_UNIT_CLOSED',
    '组织已撤销',
    `${code} is closed: nothing can be imported under it`,
  );
}

function result(
  content: FileContent,
  under: string,
  sha256: string,
  counts: ImportCounts,
  dryRun: boolean,
): ImportResultResponse {
  return { dryRun, content, under, sha256, counts };
}
