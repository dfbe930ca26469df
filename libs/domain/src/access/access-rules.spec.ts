import { memberRuleSet } from '../member/rule-sets';
import { type OrgUnit, type OrgUnitKind } from '../kernel/org/org-unit';
import { type Principal, type Role } from '../kernel/principal';
import {
  type CaseParties,
  actionViolation,
  actionsForRoles,
  actorsOfAction,
  delegateViolation,
  delegationViolations,
  payloadDecodingViolation,
  planningViolation,
  readViolation,
} from './access-rules';

const units: Record<string, OrgUnit> = {};
function unit(code: string, kind: OrgUnitKind, parent: string | null): OrgUnit {
  const parentUnit = parent ? units[parent]! : undefined;
  const created: OrgUnit = {
    id: `id-${code}`,
    code,
    name: code,
    kind,
    parentId: parentUnit?.id ?? null,
    path: [...(parentUnit?.path ?? []), `id-${code}`],
    canApproveMembership: kind === 'TOWNSHIP_COMMITTEE',
  };
  units[code] = created;
  return created;
}
const county = unit('DX', 'COUNTY_COMMITTEE', null);
const department = unit('DX-ZZB', 'ORG_DEPARTMENT', 'DX');
const township = unit('DX-DZ', 'TOWNSHIP_COMMITTEE', 'DX');
const village = unit('DX-DZ-DC', 'VILLAGE_COMMITTEE', 'DX-DZ');
const branch = unit('DX-DZ-DC-B1', 'BRANCH', 'DX-DZ-DC');
const otherBranch = unit('DX-DZ-DC-B2', 'BRANCH', 'DX-DZ-DC');
const otherTownship = unit('DX-XZ', 'TOWNSHIP_COMMITTEE', 'DX');

const who = (orgUnit: OrgUnit, roles: Role[], personId: string | null = null): Principal => ({
  subject: `${orgUnit.code}:${roles.join()}`,
  name: 'x',
  personId,
  orgUnit,
  roles,
  actingFor: null,
});
const parties: CaseParties = {
  candidateId: 'p-candidate',
  contactIds: ['p-contact'],
  sponsorIds: ['p-sponsor'],
};
const rules = memberRuleSet('2026.05');
const act = (principal: Principal, type: Parameters<typeof actorsOfAction>[0], body: OrgUnit) =>
  actionViolation(principal, actorsOfAction(type, rules), body, branch, parties)?.code;

describe('recording an action (DOMAIN §5.2)', () => {
  it("lets the branch's secretary record the branch's steps, as the branch, on its own cases", () => {
    expect(act(who(branch, ['SECRETARY']), 'RECORD_TALK', branch)).toBeUndefined();
    expect(act(who(branch, ['SECRETARY']), 'BRANCH_MEETING_ACCEPTANCE', branch)).toBeUndefined();
  });

  it("refuses another branch's secretary: not the acting body, and outside the scope", () => {
    expect(act(who(otherBranch, ['SECRETARY']), 'RECORD_TALK', branch)).toBe('NOT_ACTING_BODY');
    expect(act(who(otherBranch, ['SECRETARY']), 'RECORD_TALK', otherBranch)).toBe('NOT_ACTING_BODY');
  });

  it('refuses a higher secretary recording a branch step in the branch’s place', () => {
    expect(act(who(village, ['SECRETARY']), 'RECORD_TALK', village)).toBe('NOT_ACTING_BODY');
  });

  it('lets the township organiser record committee decisions for cases in its subtree only', () => {
    expect(act(who(township, ['ORGANISER']), 'APPROVE_ACCEPTANCE', township)).toBeUndefined();
    expect(act(who(otherTownship, ['ORGANISER']), 'APPROVE_ACCEPTANCE', otherTownship)).toBe('OUT_OF_SCOPE');
    expect(act(who(township, ['ORGANISER']), 'RECORD_TALK', township)).toBe('ROLE_NOT_PERMITTED');
  });

  it('never lets anyone record in the name of a body that is not their own unit', () => {
    expect(act(who(township, ['ORGANISER']), 'APPROVE_ACCEPTANCE', village)).toBe('NOT_ACTING_BODY');
  });

  it('gives filing and refusal of recognition to the org department, whose scope is its county', () => {
    const officer = who(department, ['ORG_DEPARTMENT_OFFICER']);
    expect(act(officer, 'FILE_WITH_ORG_DEPARTMENT', department)).toBeUndefined();
    expect(act(officer, 'REFUSE_RECOGNITION', department)).toBeUndefined();
    expect(act(who(township, ['ORGANISER']), 'REFUSE_RECOGNITION', township)).toBe('ROLE_NOT_PERMITTED');
  });

  it('lets auditors, members and applicants act on nothing', () => {
    for (const role of ['AUDITOR', 'MEMBER', 'APPLICANT'] as const) {
      expect(act(who(branch, [role]), 'RECORD_TALK', branch)).toBe('ROLE_NOT_PERMITTED');
    }
  });

  it('makes the candidate, a sponsor or a cultivation contact stand aside', () => {
    for (const person of ['p-candidate', 'p-sponsor', 'p-contact']) {
      expect(act(who(branch, ['SECRETARY'], person), 'RECORD_TALK', branch)).toBe('CONFLICT_OF_INTEREST');
    }
    expect(act(who(branch, ['SECRETARY'], 'p-other'), 'RECORD_TALK', branch)).toBeUndefined();
  });
});

describe('reading a case', () => {
  it('is open to every role in whose subtree the case lies, auditors included', () => {
    expect(readViolation(who(county, ['AUDITOR']), branch, parties)).toBeUndefined();
    expect(readViolation(who(department, ['ORG_DEPARTMENT_OFFICER']), branch, parties)).toBeUndefined();
    expect(readViolation(who(otherTownship, ['AUDITOR']), branch, parties)?.code).toBe('OUT_OF_SCOPE');
  });

  it('lets applicants read their own case and members the cases they sponsor or cultivate, nothing else', () => {
    expect(readViolation(who(branch, ['APPLICANT'], 'p-candidate'), branch, parties)).toBeUndefined();
    expect(readViolation(who(branch, ['MEMBER'], 'p-sponsor'), branch, parties)).toBeUndefined();
    expect(readViolation(who(otherBranch, ['MEMBER'], 'p-contact'), branch, parties)).toBeUndefined();
    expect(readViolation(who(branch, ['APPLICANT'], 'p-other'), branch, parties)?.code).toBe(
      'ROLE_NOT_PERMITTED',
    );
    expect(readViolation(who(branch, ['MEMBER'], 'p-other'), branch, parties)?.code).toBe(
      'ROLE_NOT_PERMITTED',
    );
  });
});

describe('planning quotas (DOMAIN §4.3)', () => {
  it('allocates downwards only, by planners', () => {
    expect(planningViolation(who(department, ['ORG_DEPARTMENT_OFFICER']), county)).toBeUndefined();
    expect(planningViolation(who(township, ['ORGANISER']), branch)).toBeUndefined();
    expect(planningViolation(who(township, ['ORGANISER']), township)?.code).toBe('OUT_OF_SCOPE');
    expect(planningViolation(who(township, ['ORGANISER']), otherTownship)?.code).toBe('OUT_OF_SCOPE');
    expect(planningViolation(who(township, ['SECRETARY']), branch)?.code).toBe('ROLE_NOT_PERMITTED');
  });
});

describe('actionsForRoles', () => {
  it('maps roles to the actions they may take at all', () => {
    expect(actionsForRoles(['ORG_DEPARTMENT_OFFICER'], rules).sort()).toEqual(
      ['FILE_WITH_ORG_DEPARTMENT', 'RECORD_TRAINING', 'REFUSE_RECOGNITION'].sort(),
    );
    expect(actionsForRoles(['AUDITOR'], rules)).toEqual([]);
    expect(actionsForRoles(['ORGANISER'], rules)).toEqual(
      expect.arrayContaining(['APPROVE_ACCEPTANCE', 'REVIEW_BY_BODY', 'PRE_REVIEW']),
    );
    expect(actionsForRoles(['ORGANISER'], rules)).not.toContain('RECORD_TALK');
  });
});

describe('delegation (代理, DOMAIN §5.2)', () => {
  // 2026-11-23 10:00 China Standard Time.
  const now = new Date('2026-11-23T02:00:00Z');
  const organiser = who(township, ['ORGANISER', 'MEMBER']);
  const request = (overrides: Partial<Parameters<typeof delegationViolations>[1]> = {}) => ({
    delegate: 'stand-in',
    roles: ['ORGANISER' as Role],
    validFrom: now,
    validUntil: new Date('2026-11-30T02:00:00Z'),
    ...overrides,
  });
  const codes = (overrides: Partial<Parameters<typeof delegationViolations>[1]> = {}) =>
    delegationViolations(organiser, request(overrides), now).map((v) => v.code);

  it('hands a non-empty subset of the delegator’s own office roles, from today on, for at most 90 days', () => {
    expect(codes()).toEqual([]);
    // Any time today (China time) will do: forms hand over by the day, and nothing can be done before it exists.
    expect(codes({ validFrom: new Date('2026-11-22T16:00:00Z') })).toEqual([]);
    expect(codes({ roles: [] })).toEqual(['DELEGATION_ROLES_NOT_HELD']);
    expect(codes({ roles: ['SECRETARY'] })).toEqual(['DELEGATION_ROLES_NOT_HELD']);
    // MEMBER is held but is no office: nothing to stand in for.
    expect(codes({ roles: ['MEMBER'] })).toEqual(['DELEGATION_ROLES_NOT_HELD']);
    expect(codes({ validUntil: new Date('2027-03-01T02:00:00Z') })).toEqual(['DELEGATION_PERIOD_INVALID']);
  });

  it('never starts on an earlier day', () => {
    expect(codes({ validFrom: new Date('2026-11-22T15:59:59Z') })).toEqual(['DELEGATION_STARTS_IN_PAST']);
    expect(
      delegationViolations(organiser, request({ validFrom: new Date('2026-11-01T00:00:00Z') }), now),
    ).toEqual([expect.objectContaining({ code: 'DELEGATION_STARTS_IN_PAST', article: 'DOMAIN §5.2' })]);
  });

  it('is not passed on, nor made to oneself', () => {
    const standIn = { ...organiser, actingFor: { subject: 'absent', delegationId: 'd-1' } };
    expect(delegationViolations(standIn, request(), now).map((v) => v.code)).toEqual([
      'DELEGATION_CHAIN_FORBIDDEN',
    ]);
    expect(codes({ delegate: organiser.subject })).toEqual(['DELEGATION_TO_SELF']);
  });

  it("is used only by a stand-in of the delegator's own unit or below", () => {
    expect(delegateViolation(township, who(township, ['SECRETARY']))).toBeUndefined();
    expect(delegateViolation(township, who(branch, ['SECRETARY']))).toBeUndefined();
    expect(delegateViolation(township, who(otherTownship, ['SECRETARY']))).toMatchObject({
      code: 'DELEGATE_OUTSIDE_ORG_UNIT',
      article: 'DOMAIN §5.2',
    });
    expect(delegateViolation(branch, who(township, ['ORGANISER']))?.code).toBe('DELEGATE_OUTSIDE_ORG_UNIT');
  });
});

describe('decoding Temporal payloads (codec endpoint)', () => {
  it('is read-only inspection of every case: an auditor whose scope is the whole tree', () => {
    expect(payloadDecodingViolation(who(county, ['AUDITOR']), [county])).toBeUndefined();
  });

  it('refuses every other role, even at the root, and an auditor of part of the tree', () => {
    expect(payloadDecodingViolation(who(county, ['SECRETARY']), [county])?.code).toBe('ROLE_NOT_PERMITTED');
    expect(payloadDecodingViolation(who(department, ['ORG_DEPARTMENT_OFFICER']), [county])?.code).toBe(
      'ROLE_NOT_PERMITTED',
    );
    expect(payloadDecodingViolation(who(township, ['AUDITOR']), [county])?.code).toBe('OUT_OF_SCOPE');
  });
});
