import { cloudEventEnvelopeSchema } from './cloud-event';
import {
  APPLICATION_RECEIVED_V1,
  applicationReceivedV1Schema,
} from './member-development/application-received.v1';
import {
  MEMBER_CASE_EVENT_KINDS,
  memberCaseEventType,
  memberCaseEventV1Schema,
} from './member-development/member-case-event.v1';
import { CADRE_EVENT_KINDS, cadreEventType, cadreEventV1Schema } from './cadre/cadre-event.v1';
import {
  RESERVE_REVIEW_EVENT_KINDS,
  RESERVIST_EVENT_KINDS,
  type ReserveReviewEventKind,
  type ReservistEventKind,
  reservePoolEventType,
  reserveReviewEventV1Schema,
  reservistEventV1Schema,
} from './reserve-pool/reserve-pool-event.v1';
import { PACE_ALERT_KINDS, paceAlertEventType, paceAlertV1Schema } from './targets/pace-alert.v1';
import { TOPICS } from './topics';

/**
 * The AsyncAPI 3 document integrators read, built from the same schemas the producers and consumers
 * validate with, so it cannot drift from the code (a test compares it with the committed file and
 * validates it with the official parser). Write it with `npm run contracts:asyncapi`.
 */
const camel = (kind: string): string =>
  kind.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

function cloudEventPayload(type: string, dataSchema: object): object {
  return {
    ...cloudEventEnvelopeSchema,
    properties: { ...cloudEventEnvelopeSchema.properties, type: { const: type }, data: dataSchema },
  };
}

function message(
  type: string,
  title: string,
  summary: string,
  dataSchema: object,
  key: object = {
    type: 'string',
    format: 'uuid',
    description: 'The case id: events of one case keep their order',
  },
): object {
  return {
    name: type,
    title,
    summary,
    contentType: 'application/cloudevents+json',
    payload: cloudEventPayload(type, dataSchema),
    bindings: {
      kafka: { key },
    },
  };
}

const MEMBER_TITLES: Record<(typeof MEMBER_CASE_EVENT_KINDS)[number], string> = {
  'activist-determined': '确定为入党积极分子',
  'development-target-listed': '列为发展对象',
  'development-target-not-listed': '未列为发展对象',
  'accepted-by-branch': '党支部党员大会通过接收',
  'acceptance-rejected': '接收未通过（预审、表决或审批）',
  'probationary-admitted': '批准为预备党员',
  converted: '转为正式党员',
  'probation-extended': '延长预备期',
  'probationary-status-cancelled': '取消预备党员资格',
  withdrawn: '撤回申请 / 终止',
  transferred: '转接组织关系',
  'not-recognised': '转入预备党员不予承认',
  archived: '材料归档',
  'deadline-warning': '时限将到（提醒）',
  'deadline-overdue': '时限已过（督办）',
};

const ALERT_TITLES: Record<(typeof PACE_ALERT_KINDS)[number], string> = {
  'pace-alert-raised': '目标进度预警',
  'pace-alert-cleared': '目标进度预警解除',
};

const CADRE_TITLES: Record<(typeof CADRE_EVENT_KINDS)[number], string> = {
  nominated: '报名/推荐',
  qualified: '资格审查通过',
  disqualified: '资格不符（审查、联审、考察、决定、公示或选举）',
  appointed: '任职（聘任或当选）',
  'trial-passed': '试用期满考核合格',
  'trial-extended': '延长试用期',
  'trial-failed': '试用期考核不合格',
  exited: '退出（转入后备库或解聘）',
  'deadline-overdue': '时限已过（联审、公示、试用期）',
};

const RESERVE_TITLES: Record<ReservistEventKind | ReserveReviewEventKind, string> = {
  recommended: '推荐（三推）',
  admitted: '入库（公示期满）',
  'not-admitted': '未入库（审查、联审、选定或公示）',
  retained: '分析研判：继续培养',
  'listed-for-inspection': '分析研判：列为考察对象',
  used: '分析研判：使用（进入村两委）',
  removed: '出库（研判、超龄或负面清单）',
  'member-case-linked': '关联入党流程',
  'review-opened': '乡镇半年分析研判开始',
  'capacity-shortfall': '村后备力量不足',
  'review-closed': '乡镇半年分析研判结束',
};

function memberMessages(): Record<string, object> {
  const messages: Record<string, object> = {
    applicationReceived: message(
      APPLICATION_RECEIVED_V1,
      '递交入党申请书',
      'Step 1 recorded: a person is now an 入党申请人.',
      applicationReceivedV1Schema,
    ),
  };
  for (const kind of MEMBER_CASE_EVENT_KINDS) {
    messages[camel(kind)] = message(
      memberCaseEventType(kind),
      MEMBER_TITLES[kind],
      `Member-development case: ${kind}.`,
      memberCaseEventV1Schema,
    );
  }
  return messages;
}

function alertMessages(): Record<string, object> {
  const messages: Record<string, object> = {};
  for (const kind of PACE_ALERT_KINDS) {
    messages[camel(kind)] = message(
      paceAlertEventType(kind),
      ALERT_TITLES[kind],
      `Annual targets: ${kind === 'pace-alert-raised' ? 'a unit fell behind on a metric' : 'a unit recovered'}.`,
      paceAlertV1Schema,
      { type: 'string', description: 'orgUnitId:year:metric — the changes of one alert keep their order' },
    );
  }
  return messages;
}

function cadreMessages(): Record<string, object> {
  const messages: Record<string, object> = {};
  for (const kind of CADRE_EVENT_KINDS) {
    messages[`cadre${camel(`-${kind}`)}`] = message(
      cadreEventType(kind),
      CADRE_TITLES[kind],
      `Cadre recruitment case: ${kind}.`,
      cadreEventV1Schema,
    );
  }
  return messages;
}

function reserveMessages(): Record<string, object> {
  const messages: Record<string, object> = {};
  for (const kind of RESERVIST_EVENT_KINDS) {
    messages[`reserve${camel(`-${kind}`)}`] = message(
      reservePoolEventType(kind),
      RESERVE_TITLES[kind],
      `Reserve pool entry: ${kind}.`,
      reservistEventV1Schema,
      {
        type: 'string',
        format: 'uuid',
        description: 'The entry id: events of one reservist keep their order',
      },
    );
  }
  for (const kind of RESERVE_REVIEW_EVENT_KINDS) {
    messages[`reserve${camel(`-${kind}`)}`] = message(
      reservePoolEventType(kind),
      RESERVE_TITLES[kind],
      `Township half-year review: ${kind}.`,
      reserveReviewEventV1Schema,
      { type: 'string', format: 'uuid', description: 'The review id: events of one review keep their order' },
    );
  }
  return messages;
}

/** A channel's messages as references to the components. */
const componentRefs = (messages: Record<string, object>) =>
  Object.fromEntries(Object.keys(messages).map((key) => [key, { $ref: `#/components/messages/${key}` }]));

/** An operation's messages as references to its channel's. */
const channelRefs = (channel: string, messages: Record<string, object>) =>
  Object.keys(messages).map((key) => ({ $ref: `#/channels/${channel}/messages/${key}` }));

export function buildAsyncApiDocument(): Record<string, unknown> {
  const members = memberMessages();
  const cadre = cadreMessages();
  const reserve = reserveMessages();
  const alerts = alertMessages();
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Xianfeng 先锋 events',
      version: '1.0.0',
      description:
        'CloudEvents 1.0 (structured JSON) published through the transactional outbox. Topics are versioned; ' +
        'a breaking change gets a new topic. Events never carry national ID numbers. Delivery is at least ' +
        'once: consumers deduplicate by the CloudEvent `id`.',
    },
    defaultContentType: 'application/cloudevents+json',
    servers: {
      local: { host: '127.0.0.1:19092', protocol: 'kafka', description: 'The dev profile of `npm start`' },
    },
    channels: channels(members, cadre, reserve, alerts),
    operations: operations(members, cadre, reserve, alerts),
    components: { messages: { ...members, ...cadre, ...reserve, ...alerts } },
  };
}

type Messages = Record<string, object>;

function channels(members: Messages, cadre: Messages, reserve: Messages, alerts: Messages) {
  return {
    memberDevelopment: {
      address: TOPICS.memberDevelopment,
      description:
        'Member development (发展党员): every stage change and deadline signal of every case, keyed by case id.',
      messages: componentRefs(members),
    },
    cadre: {
      address: TOPICS.cadre,
      description:
        'Cadre recruitment (归雁计划, 贤人回村, 定制村干 …): what HR systems need — nominations, qualification results ' +
        'with reasons, appointments (post, term, appointment mode), trial results and exits — keyed by case id.',
      messages: componentRefs(cadre),
    },
    reservePool: {
      address: TOPICS.reservePool,
      description:
        'Village reserve pool (村两委后备库): entry (三推二审一选一公示), review outcomes, automatic removals, keyed by ' +
        "entry id; each township's half-year review opening and closing and the villages short of reservists, " +
        'keyed by review id.',
      messages: componentRefs(reserve),
    },
    targets: {
      address: TOPICS.targets,
      description: 'Annual targets (年度目标): pace alerts raised and cleared per org unit, year and metric.',
      messages: componentRefs(alerts),
    },
    targetsDeadLetter: {
      address: TOPICS.targetsDeadLetter,
      description:
        'Messages the targets consumer could not accept, as received, with x-source and x-error headers.',
    },
  };
}

function operations(members: Messages, cadre: Messages, reserve: Messages, alerts: Messages) {
  return {
    publishMemberDevelopment: {
      action: 'send',
      channel: { $ref: '#/channels/memberDevelopment' },
      summary: 'apps/relay publishes the member-development outbox',
      messages: channelRefs('memberDevelopment', members),
    },
    countTargets: {
      action: 'receive',
      channel: { $ref: '#/channels/memberDevelopment' },
      summary: 'apps/targets counts applicants and stage changes per org unit and year',
      messages: channelRefs('memberDevelopment', members),
    },
    publishCadre: {
      action: 'send',
      channel: { $ref: '#/channels/cadre' },
      summary: 'apps/relay publishes the cadre-recruitment outbox',
      messages: channelRefs('cadre', cadre),
    },
    publishReservePool: {
      action: 'send',
      channel: { $ref: '#/channels/reservePool' },
      summary: 'apps/relay publishes the reserve-pool outbox',
      messages: channelRefs('reservePool', reserve),
    },
    publishTargets: {
      action: 'send',
      channel: { $ref: '#/channels/targets' },
      summary: 'apps/targets raises and clears pace alerts through its outbox (apps/relay publishes them)',
      messages: channelRefs('targets', alerts),
    },
  };
}
