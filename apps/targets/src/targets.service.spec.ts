import { randomUUID } from 'node:crypto';

import { APPLICATION_RECEIVED_V1, type ApplicationReceivedEvent } from '@app/contracts';
import {
  type OrgUnitsRepository,
  type TargetActualsRepository,
  type TargetQuotasRepository,
  type VillageCadresRepository,
} from '@app/persistence';

import { TargetsService, UnprocessableEventError } from './targets.service';

function event(overrides: Partial<ApplicationReceivedEvent['data']> = {}): ApplicationReceivedEvent {
  const path = [randomUUID(), randomUUID(), randomUUID()];
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: '/xianfeng/member-development',
    type: APPLICATION_RECEIVED_V1,
    subject: randomUUID(),
    time: '2026-11-21T06:00:00.000Z',
    datacontenttype: 'application/json',
    data: {
      caseId: randomUUID(),
      personId: randomUUID(),
      stage: 'APPLICANT',
      step: 1,
      ruleSet: '2026.05',
      applicationDate: '2026-12-31',
      branch: { id: path[2]!, path },
      applicant: { gender: 'FEMALE', birthDate: '2001-02-03' },
      ...overrides,
    },
  };
}

describe(TargetsService.name, () => {
  const applyBatch = jest.fn<Promise<number>, Parameters<TargetActualsRepository['applyBatch']>>();
  const sut = new TargetsService(
    { applyBatch } as unknown as TargetActualsRepository,
    {} as OrgUnitsRepository,
    {} as TargetQuotasRepository,
    {} as VillageCadresRepository,
  );
  const message = (value: unknown) => ({
    value: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
  });

  beforeEach(() => applyBatch.mockReset().mockResolvedValue(1));

  it('counts an applicant for the branch and every ancestor, in the year of the application date', async () => {
    const received = event();
    await expect(
      sut.applyMessages([message(received)], () => Promise.reject(new Error('unexpected'))),
    ).resolves.toBe(1);
    expect(applyBatch).toHaveBeenCalledWith('targets', [
      {
        eventId: received.id,
        increments: received.data.branch.path.map((orgUnitId) => ({
          orgUnitId,
          year: 2026,
          metric: 'applicants',
          delta: 1,
        })),
        // …and puts the case in the pipeline the forecast reads.
        pipeline: expect.objectContaining({
          caseId: received.data.caseId,
          stage: 'APPLICANT',
          open: true,
          orgPath: `/${received.data.branch.path.join('/')}/`,
          gender: 'FEMALE',
          birthDate: '2001-02-03',
        }) as unknown,
      },
    ]);
  });

  it('counts cadre recruits per stage overall and per programme, and keeps the placed cadres for 8595', () => {
    const path = [randomUUID(), randomUUID(), randomUUID()];
    const cadreEvent = (kind: string, details: object = {}) => ({
      specversion: '1.0',
      id: randomUUID(),
      source: '/xianfeng/cadre',
      type: `cn.xianfeng.cadre.${kind}.v1`,
      subject: path[2],
      time: '2027-01-05T02:00:00.000Z',
      datacontenttype: 'application/json',
      data: {
        caseId: path[2],
        personId: randomUUID(),
        programme: { id: 'GUIYAN', name: '归雁计划' },
        post: 'PARTY_SECRETARY',
        village: { id: path[2], path },
        stage: 'TRIAL',
        occurredOn: '2027-01-05',
        details,
      },
    });
    const appointed = sut.effectsOf(cadreEvent('appointed', { mode: 'ELECTION', education: 'BACHELOR' }));
    expect(appointed.increments.map((i) => `${i.orgUnitId}:${i.year}:${i.metric}`).sort()).toEqual(
      path
        .flatMap((id) => [
          `${id}:2027:cadre-recruits-appointed`,
          `${id}:2027:cadre-recruits-guiyan-appointed`,
        ])
        .sort(),
    );
    expect(appointed.villageCadre).toMatchObject({
      post: 'PARTY_SECRETARY',
      education: 'BACHELOR',
      serving: true,
    });
    expect(sut.effectsOf(cadreEvent('exited', { destination: 'RELEASED' })).villageCadre).toMatchObject({
      serving: false,
    });
    expect(sut.effectsOf(cadreEvent('deadline-overdue', { deadline: 'TRIAL_END' })).increments).toEqual([]);
    expect(() => sut.effectsOf({ ...cadreEvent('appointed'), data: { caseId: path[2] } })).toThrow(
      UnprocessableEventError,
    );
    const reservist = (kind: string) => ({
      ...cadreEvent(kind),
      source: '/xianfeng/reserve-pool',
      type: `cn.xianfeng.reserve-pool.${kind}.v1`,
      data: {
        entryId: randomUUID(),
        personId: randomUUID(),
        village: { id: path[2], path },
        category: 'VETERAN',
        status: 'ACTIVE',
        occurredOn: '2026-12-30',
        details: {},
      },
    });
    expect(sut.effectsOf(reservist('admitted')).increments).toHaveLength(3);
    expect(sut.effectsOf(reservist('admitted')).increments[0]).toMatchObject({
      year: 2026,
      metric: 'reservists-admitted',
    });
    expect(sut.effectsOf(reservist('retained')).increments).toEqual([]);
  });

  it('follows a case through the pipeline: activist date, probation end, and its end', () => {
    const stageEvent = (kind: string, stage: string, details: object = {}) => {
      const base = event();
      return {
        ...base,
        type: `cn.xianfeng.member.${kind}.v1`,
        data: {
          caseId: base.data.caseId,
          personId: base.data.personId,
          ruleSet: '2026.05',
          stage,
          step: 17,
          occurredOn: '2027-03-01',
          branch: base.data.branch,
          applicant: { gender: 'MALE', birthDate: '1990-01-01' },
          details,
        },
      };
    };
    expect(sut.effectsOf(stageEvent('activist-determined', 'ACTIVIST')).pipeline).toMatchObject({
      stage: 'ACTIVIST',
      activistSince: '2027-03-01',
      open: true,
    });
    expect(
      sut.effectsOf(
        stageEvent('probationary-admitted', 'PROBATIONARY', {
          probationStart: '2027-02-20',
          probationEnd: '2028-02-19',
        }),
      ).pipeline,
    ).toMatchObject({ stage: 'PROBATIONARY', probationEnd: '2028-02-19', activistSince: null, open: true });
    expect(sut.effectsOf(stageEvent('withdrawn', 'ACTIVIST', { reason: '撤回' })).pipeline).toMatchObject({
      open: false,
    });
    expect(sut.effectsOf(stageEvent('deadline-warning', 'ACTIVIST')).pipeline).toMatchObject({ open: true });
  });

  it('hands unprocessable messages to the caller and applies the rest of the batch', async () => {
    const good = event();
    const unprocessable = jest.fn<Promise<void>, [number, Error]>().mockResolvedValue();
    await sut.applyMessages([message('not json'), message(good), message({ hello: 'world' })], unprocessable);
    expect(unprocessable.mock.calls.map(([index]) => index)).toEqual([0, 2]);
    expect(applyBatch.mock.calls[0]![1].map((e) => e.eventId)).toEqual([good.id]);
  });

  it('rejects events that do not match their schema, and messages that are not CloudEvents', () => {
    expect(
      () =>
        sut.effectsOf({ ...event(), data: { ...event().data, nationalId: '11010519491231002X' } }).increments,
    ).toThrow(UnprocessableEventError);
    expect(() => sut.effectsOf(event({ branch: { id: 'x', path: [] } })).increments).toThrow(
      UnprocessableEventError,
    );
    expect(() => sut.effectsOf({ hello: 'world' }).increments).toThrow(UnprocessableEventError);
    expect(() => sut.effectsOf(null).increments).toThrow(UnprocessableEventError);
    expect(() => sut.effectsOf({ ...event(), id: 'not-a-uuid' }).increments).toThrow(UnprocessableEventError);
  });

  it('counts member stage changes in the year they happened, for the unit and every ancestor', () => {
    const base = event();
    const stage = (kind: string, occurredOn: string) => ({
      ...base,
      type: `cn.xianfeng.member.${kind}.v1`,
      data: {
        caseId: base.data.caseId,
        personId: base.data.personId,
        ruleSet: '2026.05',
        stage: 'ACTIVIST',
        step: 3,
        occurredOn,
        branch: base.data.branch,
        applicant: { gender: 'FEMALE', birthDate: '1992-07-02' },
        details: {},
      },
    });
    expect(sut.effectsOf(stage('activist-determined', '2027-01-02')).increments).toEqual(
      base.data.branch.path.map((orgUnitId) => ({ orgUnitId, year: 2027, metric: 'activists', delta: 1 })),
    );
    expect(sut.effectsOf(stage('converted', '2028-07-01')).increments[0]).toMatchObject({
      metric: 'conversions',
      year: 2028,
    });
    expect(sut.effectsOf(stage('deadline-overdue', '2028-07-01')).increments).toEqual([]);
    const counted = (occurredOn: string, applicant: { gender: string; birthDate: string }) => {
      const admitted = stage('probationary-admitted', occurredOn);
      const increments = sut.effectsOf({ ...admitted, data: { ...admitted.data, applicant } }).increments;
      return [...new Set(increments.map((increment) => increment.metric))];
    };
    // Born 1992-07-02: still 35 on 2028-07-01, 36 on the birthday itself.
    expect(counted('2028-07-01', { gender: 'FEMALE', birthDate: '1992-07-02' })).toEqual([
      'new-probationary-members',
      'new-probationary-members-female',
      'new-probationary-members-aged-35-or-under',
    ]);
    expect(counted('2028-07-02', { gender: 'MALE', birthDate: '1992-07-02' })).toEqual([
      'new-probationary-members',
    ]);
    expect(() => counted('2028-07-01', { gender: 'X', birthDate: '1992-07-02' })).toThrow(
      UnprocessableEventError,
    );
    expect(
      () => sut.effectsOf({ ...stage('converted', '2028-07-01'), data: { details: {} } }).increments,
    ).toThrow(UnprocessableEventError);
  });

  it('records event types that count for nothing, so they are not reprocessed', async () => {
    const other = { ...event(), type: 'cn.xianfeng.member.talk-recorded.v1' };
    await sut.applyMessages([message(other)], () => Promise.reject(new Error('unexpected')));
    expect(applyBatch).toHaveBeenCalledWith('targets', [
      { eventId: other.id, increments: [], pipeline: null },
    ]);
  });
});
