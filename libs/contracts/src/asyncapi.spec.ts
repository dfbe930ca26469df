import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { DiagnosticSeverity, Parser } from '@asyncapi/parser';

import { buildAsyncApiDocument } from './asyncapi';
import { CADRE_EVENT_KINDS, cadreEventType } from './cadre/cadre-event.v1';
import {
  RESERVE_REVIEW_EVENT_KINDS,
  RESERVIST_EVENT_KINDS,
  reservePoolEventType,
} from './reserve-pool/reserve-pool-event.v1';
import { MEMBER_CASE_EVENT_KINDS, memberCaseEventType } from './member-development/member-case-event.v1';
import { PACE_ALERT_KINDS, paceAlertEventType } from './targets/pace-alert.v1';

describe('AsyncAPI document', () => {
  const document = buildAsyncApiDocument();

  it('is valid AsyncAPI 3 according to the official parser', async () => {
    const { document: parsed, diagnostics } = await new Parser().parse(JSON.stringify(document));
    expect(
      diagnostics
        .filter((d) => d.severity.valueOf() === DiagnosticSeverity.Error.valueOf())
        .map((d) => `${d.path.join('.')}: ${d.message}`),
    ).toEqual([]);
    expect(
      parsed
        ?.channels()
        .all()
        .map((channel) => channel.address()),
    ).toEqual([
      'xianfeng.member-development.v1',
      'xianfeng.cadre.v1',
      'xianfeng.reserve-pool.v1',
      'xianfeng.targets.v1',
      'xianfeng.targets-consumer.dlq.v1',
    ]);
  });

  it('documents every event type the member-development workflow and the targets app produce', () => {
    const messages = Object.values(
      (document.components as { messages: Record<string, { name: string }> }).messages,
    ).map((m) => m.name);
    expect(messages).toEqual(
      expect.arrayContaining([
        'cn.xianfeng.member.application-received.v1',
        ...MEMBER_CASE_EVENT_KINDS.map(memberCaseEventType),
        ...PACE_ALERT_KINDS.map(paceAlertEventType),
        ...CADRE_EVENT_KINDS.map(cadreEventType),
        ...[...RESERVIST_EVENT_KINDS, ...RESERVE_REVIEW_EVENT_KINDS].map(reservePoolEventType),
      ]),
    );
  });

  it('is committed as generated (npm run contracts:asyncapi)', () => {
    const committed = JSON.parse(readFileSync(join(__dirname, '..', 'asyncapi.json'), 'utf8')) as unknown;
    expect(committed).toEqual(document);
  });
});
