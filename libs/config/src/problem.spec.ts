import { type ArgumentsHost, NotFoundException } from '@nestjs/common';

import {
  CaseAlreadyOpen,
  CaseClosed,
  type CaseKind,
  CaseNotFound,
  CaseRulesBroken,
  EngineTimeout,
  EngineUnavailable,
  RecordingDelayed,
  RecordingNotCompleted,
  RecordingRejected,
  ReviewScheduleNotFound,
  RuleViolationError,
  violation,
} from '@app/domain';

import { ProblemError, ProblemFilter, RequestValidationError, domainProblem, problemOf } from './problem';

/** The headers the last captured response set. */
let headers: Record<string, string> = {};

function capture(exception: unknown): { status: number; type: string; body: Record<string, unknown> } {
  const sent: { status: number; type: string; body: Record<string, unknown> } = {
    status: 0,
    type: '',
    body: {},
  };
  headers = {};
  const response = {
    setHeader(name: string, value: string) {
      headers[name] = value;
    },
    status(code: number) {
      sent.status = code;
      return this;
    },
    type(value: string) {
      sent.type = value;
      return this;
    },
    send(text: string) {
      sent.body = JSON.parse(text) as Record<string, unknown>;
      return this;
    },
  };
  const host = {
    switchToHttp: () => ({ getRequest: () => ({ originalUrl: '/v1/x' }), getResponse: () => response }),
  } as unknown as ArgumentsHost;
  new ProblemFilter().catch(exception, host);
  return sent;
}

describe(ProblemFilter.name, () => {
  it('maps a rule violation to 422 with its code and article', () => {
    const sent = capture(new RuleViolationError(violation('T15_APPLICANT_UNDER_18', '§5', '未满18岁')));
    expect(sent).toEqual({
      status: 422,
      type: 'application/problem+json',
      body: expect.objectContaining({
        type: 'urn:xianfeng:problem:T15_APPLICANT_UNDER_18',
        status: 422,
        code: 'T15_APPLICANT_UNDER_18',
        article: '§5',
        detail: '未满18岁',
        instance: '/v1/x',
      }),
    });
  });

  it('lists each violation with the body field it concerns, and nothing else it carries', () => {
    const sent = capture(
      ProblemError.fromViolations('MEMBER_DEVELOPMENT', [
        violation('T15_APPLICANT_UNDER_18', '§5', '未满18岁', 'birthDate'),
        { ...violation('MEMBER_CASE_ALREADY_OPEN', null, '已有案件'), existingId: 'c-secret' },
      ]),
    );
    expect(sent.body).toMatchObject({ status: 422, code: 'T15_APPLICANT_UNDER_18', article: '§5' });
    expect(sent.body.violations).toEqual([
      { code: 'T15_APPLICANT_UNDER_18', article: '§5', message: '未满18岁', field: 'birthDate' },
      { code: 'MEMBER_CASE_ALREADY_OPEN', article: null, message: '已有案件' },
    ]);
    expect(JSON.stringify(sent.body)).not.toContain('c-secret');
  });

  it('keeps the status of a ProblemError and lists validation errors per field', () => {
    expect(capture(new ProblemError(409, 'C', 't', 'd')).status).toBe(409);
    const sent = capture(
      new RequestValidationError([
        { property: 'name', constraints: { isNotEmpty: 'name should not be empty' }, children: [] },
      ]),
    );
    expect(sent.body).toMatchObject({
      status: 400,
      code: 'REQUEST_VALIDATION_FAILED',
      errors: [{ field: 'name', message: 'name should not be empty' }],
    });
  });

  it('maps HTTP exceptions and hides unexpected errors behind a generic 500', () => {
    expect(capture(new NotFoundException()).body).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    const sent = capture(new Error('secret connection string'));
    expect(sent.body).toMatchObject({ status: 500, code: 'INTERNAL_ERROR' });
    expect(JSON.stringify(sent.body)).not.toContain('secret');
  });
});

describe(domainProblem.name, () => {
  const closed = violation('CASE_CLOSED', null, '案件已办结');
  const rule = violation('TRIAL_NOT_ENDED', null, '试用期至2027-10-07届满');

  it('titles broken rules by their pipeline and keeps 409 for the conflicts of each', () => {
    expect(domainProblem(new CaseRulesBroken('CADRE_RECRUITMENT', [rule, closed]))).toMatchObject({
      status: 422,
      code: 'TRIAL_NOT_ENDED',
      title: '违反村干部招引工作规定',
      detail: '试用期至2027-10-07届满',
      extra: { article: null, violations: [rule, closed] },
    });
    expect(domainProblem(new CaseRulesBroken('MEMBER_DEVELOPMENT', [closed]))).toMatchObject({
      status: 409,
      title: '违反发展党员工作规定',
    });
    expect(domainProblem(new CaseRulesBroken('CADRE_RECRUITMENT', [closed])).status).toBe(409);
    for (const code of ['RESERVE_ENTRY_ALREADY_OPEN', 'RESERVE_ENTRY_CLOSED', 'REVIEW_TASK_NOT_OPEN']) {
      expect(
        domainProblem(new CaseRulesBroken('RESERVE_POOL', [violation(code, 'DOMAIN §3', 'x')])),
      ).toMatchObject({
        status: 409,
        code,
        title: '违反村级后备力量管理规定',
        extra: { article: 'DOMAIN §3' },
      });
    }
    // A closed case is a conflict in the pipelines whose machines say CASE_CLOSED, not in the reserve pool's.
    expect(domainProblem(new CaseRulesBroken('RESERVE_POOL', [closed])).status).toBe(422);
  });

  it('names the case already open only when the service disclosed it', () => {
    const found = {
      ...violation('RESERVE_ENTRY_ALREADY_OPEN', 'DOMAIN §3', '该人员已在后备库中'),
      existingId: 'e-0',
    };
    const hidden = domainProblem(new CaseAlreadyOpen('RESERVE_POOL', found));
    expect(hidden).toMatchObject({
      status: 409,
      code: 'RESERVE_ENTRY_ALREADY_OPEN',
      title: '违反村级后备力量管理规定',
      detail: '该人员已在后备库中',
      extra: {
        article: 'DOMAIN §3',
        violations: [{ code: 'RESERVE_ENTRY_ALREADY_OPEN', message: '该人员已在后备库中' }],
      },
    });
    expect(JSON.stringify(hidden)).not.toContain('e-0');
    const shown = domainProblem(new CaseAlreadyOpen('RESERVE_POOL', found).withDisclosure(true));
    expect(shown).toMatchObject({
      status: 409,
      detail: '该人员已在后备库中（e-0）',
      extra: { entryId: 'e-0' },
    });
    const member = { ...violation('MEMBER_CASE_ALREADY_OPEN', null, '已有案件'), existingId: 'c-0' };
    expect(domainProblem(new CaseAlreadyOpen('MEMBER_DEVELOPMENT', member, true)).extra).toMatchObject({
      caseId: 'c-0',
    });
    // Without an id to name (a race), nothing is disclosed.
    const race = new CaseAlreadyOpen('CADRE_RECRUITMENT', violation('CADRE_CASE_ALREADY_OPEN', null, 'x'));
    expect(race.withDisclosure(true).disclosed).toBe(false);
  });

  it('answers missing and closed cases as each pipeline always has', () => {
    const notFound = (kind: CaseKind) => domainProblem(new CaseNotFound(kind, 'x-1'));
    expect(notFound('MEMBER_CASE')).toMatchObject({
      status: 404,
      code: 'MEMBER_CASE_NOT_FOUND',
      title: '案件不存在',
      detail: 'no member case x-1',
    });
    expect(notFound('CADRE_CASE')).toMatchObject({
      status: 404,
      code: 'CADRE_CASE_NOT_FOUND',
      detail: 'no cadre case x-1',
    });
    expect(notFound('RESERVE_ENTRY')).toMatchObject({
      status: 404,
      code: 'RESERVE_ENTRY_NOT_FOUND',
      title: '后备力量不存在',
      detail: 'no reserve entry x-1',
    });
    const closed = (kind: CaseKind, attempt: 'REOPEN' | 'ACT', status?: string) =>
      domainProblem(new CaseClosed(kind, 'x-1', attempt, status));
    expect(closed('MEMBER_CASE', 'REOPEN')).toMatchObject({
      status: 409,
      code: 'MEMBER_CASE_CLOSED',
      title: '案件已结束',
      detail: 'case x-1 has ended; it cannot be submitted again',
      extra: { caseId: 'x-1' },
    });
    expect(closed('MEMBER_CASE', 'ACT', 'CLOSED')).toMatchObject({
      status: 409,
      code: 'CASE_NOT_OPEN',
      title: '案件不在办理中',
      detail: 'case x-1 is CLOSED',
    });
    expect(closed('CADRE_CASE', 'REOPEN')).toEqual(
      new ProblemError(409, 'CADRE_CASE_CLOSED', '案件已结束', 'case x-1 has ended'),
    );
    expect(closed('CADRE_CASE', 'ACT', 'CLOSED')).toMatchObject({
      status: 409,
      code: 'CASE_CLOSED',
      title: '案件已办结',
      detail: 'case x-1 is CLOSED',
    });
    expect(closed('RESERVE_ENTRY', 'REOPEN')).toMatchObject({
      status: 409,
      code: 'RESERVE_ENTRY_CLOSED',
      title: '该条目已结束',
      detail: 'entry x-1 has ended',
    });
    expect(closed('RESERVE_ENTRY', 'ACT', 'REMOVED')).toMatchObject({
      code: 'RESERVE_ENTRY_CLOSED',
      title: '该人员已出库、已使用或未入库',
      detail: 'entry is REMOVED',
    });
    expect(closed('RESERVE_ENTRY', 'ACT').detail).toBe('entry has closed');
    expect(domainProblem(new ReviewScheduleNotFound('T1'))).toMatchObject({
      status: 404,
      code: 'REVIEW_SCHEDULE_NOT_FOUND',
      title: '未设置分析研判计划',
      detail: 'no review schedule for T1',
    });
  });

  it('answers recordings and the engine with their statuses and when to come back', () => {
    const rejected = domainProblem(new RecordingRejected({ sqlState: '22021', prismaCode: 'P2039' }));
    expect(rejected).toMatchObject({
      status: 422,
      code: 'RECORDING_REJECTED',
      title: '数据无法保存',
      extra: { sqlState: '22021' },
    });
    expect(rejected.detail).toContain('(22021)');
    expect(domainProblem(new RecordingRejected({ sqlState: null, prismaCode: 'P2000' })).detail).toContain(
      '(P2000)',
    );
    expect(domainProblem(new RecordingNotCompleted())).toMatchObject({
      status: 503,
      code: 'RECORDING_FAILED',
      title: '暂时无法记录',
    });
    expect(domainProblem(new RecordingDelayed('MEMBER_CASE', 'c-1'))).toMatchObject({
      status: 503,
      code: 'RECORDING_DELAYED',
      title: '申请已受理，正在记录',
      extra: { caseId: 'c-1' },
    });
    const late = domainProblem(new EngineTimeout(2500));
    expect(late).toMatchObject({
      status: 504,
      code: 'TEMPORAL_TIMEOUT',
      title: '工作流服务未及时应答',
      extra: { retryAfter: 5 },
    });
    expect(late.detail).toContain('2500 ms');
    expect(domainProblem(new EngineUnavailable())).toMatchObject({
      status: 503,
      code: 'TEMPORAL_UNAVAILABLE',
      title: '工作流服务暂不可用',
      extra: { retryAfter: 10 },
    });
  });

  it('is what the filter answers with, Retry-After included, and what problemOf gives the bulk results', () => {
    const sent = capture(new EngineUnavailable(new Error('14 UNAVAILABLE')));
    expect(sent).toMatchObject({
      status: 503,
      type: 'application/problem+json',
      body: {
        type: 'urn:xianfeng:problem:TEMPORAL_UNAVAILABLE',
        code: 'TEMPORAL_UNAVAILABLE',
        retryAfter: 10,
        instance: '/v1/x',
      },
    });
    expect(headers).toEqual({ 'Retry-After': '10' });
    const rules = new CaseRulesBroken('MEMBER_DEVELOPMENT', [
      violation('T15_APPLICANT_UNDER_18', '§5', '未满18岁'),
    ]);
    expect(capture(rules).body).toMatchObject({ status: 422, title: '违反发展党员工作规定', article: '§5' });
    expect(problemOf(rules)).toEqual(domainProblem(rules));
    const problem = new ProblemError(400, 'X', 't', 'd');
    expect(problemOf(problem)).toBe(problem);
    expect(problemOf(new Error('boom'))).toBeUndefined();
  });
});
