import { type Schemas } from '../../api/client';
import { type paths } from '../../api/generated/api';

export type EntryQuery = NonNullable<paths['/v1/reserve-pool/entries']['get']['parameters']['query']>;
type Entry = Schemas['ReserveEntry'];
export type Category = Entry['category'];
export type EntryStatus = Entry['status'];
export type EntryStep = NonNullable<EntryQuery['entryStep']>;
export type Outcome = Schemas['ReviewDecisionDto']['outcome'];
export type TaskStatus = Schemas['ReserveReviewTask']['status'];

/** 后备力量类别 (DOMAIN §3). */
export const CATEGORY_NAMES: Readonly<Record<Category, string>> = {
  LOCAL_ENTREPRENEUR: '致富能手',
  RETURNING_MIGRANT: '返乡人员',
  LOCAL_GRADUATE: '本土大学生',
  VETERAN: '退役军人',
  YOUNG_MEMBER: '优秀年轻党员',
};

export const STATUS_NAMES: Readonly<Record<EntryStatus, string>> = {
  ENTERING: '入库中',
  ACTIVE: '在库',
  LISTED_FOR_INSPECTION: '列为考察对象',
  USED: '已使用',
  REMOVED: '已出库',
  NOT_ADMITTED: '未入库',
};

export const STATUS_COLORS: Readonly<Record<EntryStatus, string>> = {
  ENTERING: 'processing',
  ACTIVE: 'success',
  LISTED_FOR_INSPECTION: 'warning',
  USED: 'default',
  REMOVED: 'default',
  NOT_ADMITTED: 'error',
};

/** 三推二审一选一公示: the last entry step an entering reservist passed. */
export const STEP_NAMES: Readonly<Record<EntryStep, string>> = {
  RECOMMENDED: '已推荐',
  QUALIFIED: '资格审查通过',
  VETTED: '联审通过',
  SELECTED: '已确定人选',
  NOTICED: '公示中',
};

export const OUTCOME_NAMES: Readonly<Record<Outcome, string>> = {
  RETAIN: '继续保留',
  REMOVE: '调整出库',
  LIST_FOR_INSPECTION: '列为考察对象',
  USE: '使用（任用为村干部）',
};

export const TASK_STATUS_NAMES: Readonly<Record<TaskStatus, string>> = {
  OPEN: '待研判',
  DECIDED: '已研判',
  LAPSED: '已离库',
  OVERDUE: '逾期未研判',
};

export const entries = <K extends string>(names: Readonly<Record<K, string>>) =>
  (Object.entries(names) as [K, string][]).map(([value, label]) => ({ value, label }));
