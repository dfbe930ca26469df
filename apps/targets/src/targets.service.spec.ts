import { randomUUID } from 'node:crypto';

import { APPLICATION_RECEIVED_V1, type ApplicationReceivedEvent } from '@app/contracts';
import {
  type OrgUnitsRepository,
  type TargetActualsRepository,
  type TargetQuotasRepository,
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
      },
    ]);
  });

  it('hands unprocessable messages to the caller and applies the rest of the batch', async () => {
    const good = event();
    const unprocessable = jest.fn<Promise<void>, [number, Error]>().mockResolvedValue();
    await sut.applyMessages([message('not json'), message(good), message({ hello: 'world' })], unprocessable);
    expect(unprocessable.mock.calls.map(([index]) => index)).toEqual([0, 2]);
    expect(applyBatch.mock.calls[0]![1].map((e) => e.eventId)).toEqual([good.id]);
  });

  it('rejects events that do not match their schema, and messages that are not CloudEvents', () => {
    expect(() =>
      sut.incrementsFor({ ...event(), data: { ...event().data, nationalId: '11010519491231002X' } }),
    ).toThrow(UnprocessableEventError);
    expect(() => sut.incrementsFor(event({ branch: { id: 'x', path: [] } }))).toThrow(
      UnprocessableEventError,
    );
    expect(() => sut.incrementsFor({ hello: 'world' })).toThrow(UnprocessableEventError);
    expect(() => sut.incrementsFor(null)).toThrow(UnprocessableEventError);
    expect(() => sut.incrementsFor({ ...event(), id: 'not-a-uuid' })).toThrow(UnprocessableEventError);
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
    expect(sut.incrementsFor(stage('activist-determined', '2027-01-02'))).toEqual(
      base.data.branch.path.map((orgUnitId) => ({ orgUnitId, year: 2027, metric: 'activists', delta: 1 })),
    );
    expect(sut.incrementsFor(stage('converted', '2028-07-01'))[0]).toMatchObject({
      metric: 'conversions',
      year: 2028,
    });
    expect(sut.incrementsFor(stage('deadline-overdue', '2028-07-01'))).toEqual([]);
    const counted = (occurredOn: string, applicant: { gender: string; birthDate: string }) => {
      const admitted = stage('probationary-admitted', occurredOn);
      const increments = sut.incrementsFor({ ...admitted, data: { ...admitted.data, applicant } });
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
    expect(() => sut.incrementsFor({ ...stage('converted', '2028-07-01'), data: { details: {} } })).toThrow(
      UnprocessableEventError,
    );
  });

  it('records event types that count for nothing, so they are not reprocessed', async () => {
    const other = { ...event(), type: 'cn.xianfeng.member.talk-recorded.v1' };
    await sut.applyMessages([message(other)], () => Promise.reject(new Error('unexpected')));
    expect(applyBatch).toHaveBeenCalledWith('targets', [{ eventId: other.id, increments: [] }]);
  });
});
