import { randomUUID } from 'node:crypto';

import { APPLICATION_RECEIVED_V1, type ApplicationReceivedEvent } from '@app/contracts';
import { type OrgUnitsRepository, type TargetActualsRepository } from '@app/persistence';

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
  const applyOnce = jest.fn<Promise<boolean>, Parameters<TargetActualsRepository['applyOnce']>>();
  const sut = new TargetsService(
    { applyOnce } as unknown as TargetActualsRepository,
    {} as OrgUnitsRepository,
  );

  beforeEach(() => applyOnce.mockReset().mockResolvedValue(true));

  it('counts an applicant for the branch and every ancestor, in the year of the application date', async () => {
    const received = event();
    await expect(sut.apply(received)).resolves.toBe(true);
    expect(applyOnce).toHaveBeenCalledWith(
      'targets',
      received.id,
      received.data.branch.path.map((orgUnitId) => ({
        orgUnitId,
        year: 2026,
        metric: 'applicants',
        delta: 1,
      })),
    );
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
    expect(() => sut.incrementsFor({ ...stage('converted', '2028-07-01'), data: { details: {} } })).toThrow(
      UnprocessableEventError,
    );
  });

  it('records event types that count for nothing, so they are not reprocessed', async () => {
    const other = { ...event(), type: 'cn.xianfeng.member.talk-recorded.v1' };
    await sut.apply(other);
    expect(applyOnce).toHaveBeenCalledWith('targets', other.id, []);
  });
});
