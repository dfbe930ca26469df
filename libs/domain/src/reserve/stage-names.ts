import { type ReserveEntryStep, type ReservistStatus } from './machine/state';

/** Where a reservist stands, as organizers name it: the entry step while entering, else the status (DOMAIN §3). */
export const RESERVE_STAGE_NAMES: Record<ReserveEntryStep | Exclude<ReservistStatus, 'ENTERING'>, string> = {
  RECOMMENDED: '推荐',
  QUALIFIED: '资格审查通过',
  VETTED: '联审通过',
  SELECTED: '确定人选',
  ACTIVE: '在库',
  LISTED_FOR_INSPECTION: '列入考察',
  USED: '已使用',
  REMOVED: '已出库',
  NOT_ADMITTED: '未入库',
};
