import { type Schemas } from '../../api/client';
import { type Pipeline } from '../../shared/cases';

type MemberStage = Schemas['MemberCaseListItemResponse']['stage'];
type CadreStage = Schemas['CadreCaseListItemResponse']['stage'];
type ReserveStatus = Schemas['ReserveEntryListItemResponse']['status'];
type ReserveStep = NonNullable<Schemas['ReserveEntrySearchDto']['entryStep']>;

/** The member pipeline's five stages, in order (DOMAIN §1). */
export const MEMBER_STAGES: readonly (readonly [MemberStage, string])[] = [
  ['APPLICANT', '入党申请人'],
  ['ACTIVIST', '入党积极分子'],
  ['DEVELOPMENT_TARGET', '发展对象'],
  ['PROBATIONARY', '预备党员'],
  ['FULL_MEMBER', '正式党员'],
];

/** The recruitment steps P1–P9 as the case's stage names them; EXITED ends it early. */
export const CADRE_STAGES: readonly (readonly [CadreStage, string])[] = [
  ['NOMINATED', '提名'],
  ['QUALIFIED', '资格审查'],
  ['JOINT_REVIEW', '资格联审'],
  ['ASSESSMENT', '考察'],
  ['DECISION', '研究决定'],
  ['NOTICE', '任前公示'],
  ['PLACEMENT', '聘任/选举'],
  ['TRIAL', '试用期'],
  ['CONFIRMED', '正式任用'],
  ['EXITED', '已退出'],
];

/** 三推二审一选一公示: where an entering reservist stands. */
export const RESERVE_STEPS: readonly (readonly [ReserveStep, string])[] = [
  ['RECOMMENDED', '推荐'],
  ['QUALIFIED', '资格审查'],
  ['VETTED', '联审'],
  ['SELECTED', '选定'],
  ['NOTICED', '入库公示'],
];

export const RESERVE_STATUSES: readonly (readonly [ReserveStatus, string])[] = [
  ['ENTERING', '入库中'],
  ['ACTIVE', '在库'],
  ['LISTED_FOR_INSPECTION', '已列为考察对象'],
  ['USED', '已使用'],
  ['REMOVED', '已出库'],
  ['NOT_ADMITTED', '未入库'],
];

export const CASE_STATUSES = [
  ['OPEN', '办理中'],
  ['CLOSED', '已结束'],
] as const;

export const PROGRAMMES = [
  ['GUIYAN', '归雁计划'],
  ['XIANREN', '贤人回村'],
  ['DINGZHI', '定制村干'],
] as const;

export const POSTS = [
  ['PARTY_SECRETARY', '村党组织书记'],
  ['PARTY_COMMITTEE_MEMBER', '村党组织委员'],
  ['VILLAGE_DIRECTOR', '村委会主任'],
  ['VILLAGE_COMMITTEE_MEMBER', '村委会委员'],
  ['SECRETARY_ASSISTANT', '书记助理'],
  ['DIRECTOR_ASSISTANT', '主任助理'],
  ['VILLAGE_AFFAIRS_STAFF', '村务工作者'],
] as const;

export const RESERVE_CATEGORIES = [
  ['LOCAL_ENTREPRENEUR', '本土致富能手'],
  ['RETURNING_MIGRANT', '外出务工经商返乡人员'],
  ['LOCAL_GRADUATE', '本乡本土大学毕业生'],
  ['VETERAN', '退役军人'],
  ['YOUNG_MEMBER', '优秀年轻党员'],
] as const;

export const RULE_SETS = [
  ['2014', '2014年细则'],
  ['2026.05', '2026年细则'],
] as const;

const lookup = (pairs: readonly (readonly [string, string])[]) => {
  const names = new Map<string, string>(pairs);
  return (value: string | null | undefined) => (value ? (names.get(value) ?? value) : '—');
};

export const memberStageName = lookup(MEMBER_STAGES);
export const cadreStageName = lookup(CADRE_STAGES);
export const reserveStepName = lookup(RESERVE_STEPS);
export const reserveStatusName = lookup(RESERVE_STATUSES);
export const caseStatusName = lookup(CASE_STATUSES);
export const programmeName = lookup(PROGRAMMES);
export const postName = lookup(POSTS);
export const categoryName = lookup(RESERVE_CATEGORIES);
export const ruleSetName = lookup(RULE_SETS);

/**
 * What a dossier record's `action` says: the member pipeline's first record is its application; later records
 * (and every cadre and reserve record) carry the action type, named as the API names the step.
 */
const RECORD_NAMES: Record<Pipeline, Record<string, string>> = {
  member: {
    'application-submitted': '递交入党申请书',
    RECORD_TALK: '党组织派人谈话',
    DETERMINE_ACTIVIST: '入党积极分子确定',
    FILE_ACTIVIST: '入党积极分子备案',
    ASSIGN_CONTACTS: '指定培养联系人',
    RECORD_ACTIVIST_VETTING: '培养教育考察',
    PROPOSE_DEVELOPMENT_TARGET: '确定发展对象',
    HIGHER_COMMITTEE_DECISION: '报上级党委同意',
    START_NOTICE: '发展对象公示',
    RECORD_OBJECTION: '公示期间反映的问题',
    CLOSE_NOTICE: '发展对象公示结束',
    START_LOCAL_NOTICE: '本地规定的公示',
    CLOSE_LOCAL_NOTICE: '本地规定的公示结束',
    DESIGNATE_SPONSORS: '确定入党介绍人',
    RECORD_POLITICAL_REVIEW: '进行政治审查',
    RECORD_TRAINING: '开展集中培训',
    COMMITTEE_REVIEW: '党支部委员会审查',
    PRE_REVIEW: '上级党委预审',
    FILL_APPLICATION_FORM: '填写入党志愿书',
    BRANCH_MEETING_ACCEPTANCE: '党支部党员大会讨论',
    REVIEW_BY_BODY: '党总支审议',
    COMMITTEE_INTERVIEW: '上级党委派人谈话',
    RECEIVE_ACCEPTANCE_RESOLUTION: '上级党委收到接收预备党员的决议',
    APPROVE_ACCEPTANCE: '上级党委审批',
    FILE_WITH_ORG_DEPARTMENT: '再上一级党委组织部门备案',
    ASSIGN_TO_GROUP: '编入党支部和党小组',
    RECORD_OATH: '入党宣誓',
    RECORD_PROBATION_VETTING: '继续教育考察',
    APPLY_FOR_CONVERSION: '提出转正申请',
    CONVERSION_MEETING: '党支部党员大会讨论转正',
    RECEIVE_CONVERSION_RESOLUTION: '上级党委收到转正决议',
    APPROVE_CONVERSION: '上级党委审批转正',
    ARCHIVE: '材料归档',
    WITHDRAW: '撤回入党申请',
    TRANSFER: '组织关系转接',
    REFUSE_RECOGNITION: '转入不予承认',
  },
  cadre: {
    NOMINATED: '提名',
    REVIEW_QUALIFICATION: '资格审查',
    OPEN_JOINT_REVIEW: '资格联审',
    RECORD_DEPARTMENT_OPINION: '联审意见',
    RESOLVE_CONCERNS: '疑虑核实',
    RECORD_ASSESSMENT: '考察',
    DECIDE: '乡镇党委会研究决定',
    START_NOTICE: '任前公示',
    RECORD_OBJECTION: '公示期间反映的问题',
    CLOSE_NOTICE: '公示结束',
    APPOINT: '聘任',
    RECORD_ELECTION: '选举结果',
    REVIEW_TRIAL: '试用期考核',
    WITHDRAW: '撤回',
    FILE_WITH_COUNTY: '县委组织部备案',
  },
  reserve: {
    RECOMMEND: '推荐',
    REVIEW_QUALIFICATION: '资格审查',
    RECORD_VETTING: '联审',
    SELECT: '选定',
    START_NOTICE: '入库公示',
    RECORD_OBJECTION: '公示期间反映的问题',
    CLOSE_NOTICE: '公示结束',
    REPORT_NEGATIVE_EVENT: '负面清单事项',
    LINK_MEMBER_CASE: '关联入党流程',
    DECIDE_REVIEW: '分析研判决定',
    AGE_OUT: '超龄出库',
  },
};

export const recordName = (pipeline: Pipeline, action: string) => RECORD_NAMES[pipeline][action] ?? action;

/** Deadline kinds of the plan (the rule that sets each). */
const DEADLINE_NAMES: Record<string, string> = {
  T1_TALK: '派人谈话（收到入党申请书后1个月内）',
  T2_ACTIVIST_VETTING: '积极分子培养考察（每半年一次）',
  T4_NOTICE_END: '发展对象公示期满',
  T7_BRANCH_MEETING: '党支部党员大会讨论',
  T8_ACCEPTANCE_APPROVAL: '上级党委审批接收预备党员',
  T8_ACCEPTANCE_APPROVAL_CAP: '上级党委审批接收预备党员（最迟）',
  T9_OATH: '入党宣誓',
  T10_PROBATION_END: '预备期满',
  T12_CONVERSION_APPROVAL: '上级党委审批转正',
  SLA_ACTIVIST_FILING: '积极分子备案（本地时限）',
  SLA_PRE_REVIEW: '上级党委预审（本地时限）',
  JOINT_REVIEW_DUE: '联审部门答复期限',
  TRIAL_END: '试用期满',
  AGE_OUT: '超龄出库日',
};

export const deadlineName = (kind: string) => DEADLINE_NAMES[kind] ?? kind;
