import { randomUUID } from 'node:crypto';

import { type INestApplication } from '@nestjs/common';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { type App } from 'supertest/types';

import { ApiModule } from '../../apps/api/src/api.module';
import { inboxActions } from '../../apps/api/src/backlog/task-kinds';
import { setupOpenApi } from '../../apps/api/src/openapi/openapi';
import { createHttpApp } from '../../libs/config/src/bootstrap';
import {
  type OrgUnit,
  type Principal,
  actionsForRoles,
  addDays,
  chinaLocalDate,
  memberRuleSet,
} from '../../libs/domain/src';
import { PersonsRepository } from '../../libs/persistence/src';
import { DEMO_PEOPLE } from '../../prisma/seed/demo-county';
import { DEMO_USERS } from '../../prisma/seed/demo-users';
import { type DemoUser, type TestAgent, signedIn } from '../support/auth';
import { useIsolatedDatabase, withDatabase } from '../support/database';
import { nationalIdFor } from '../support/fixtures';
import { closedSchema } from '../support/openapi-responses';

/**
 * Who and where (issue 13): GET /v1/me for a branch member, a township organiser, an org-department officer
 * and a stand-in acting for the organiser; the org tree within the read scope; the members of a branch for
 * the sponsor and cultivation-contact pickers, judged by the domain's sponsor rules.
 */
const TODAY = chinaLocalDate(new Date());
const B1 = 'DX-DZ-DC-B1';

type Ref = { id: string; code: string; name: string; kind: string };
type Node = Ref & {
  parentId: string | null;
  depth: number;
  canApproveMembership: boolean;
  childCount: number;
};
type Eligibility = { eligible: boolean; reasons: { code: string; article: string | null }[] };
type Member = {
  personId: string;
  name: string;
  nationalIdMasked: string;
  branch: { code: string };
  status: string;
  partyAgeFrom: string | null;
  discipline: { kind: string; impactEnds: string | null; rightsRestored: boolean | null } | null;
  sponsor: Eligibility;
  cultivationContact: Eligibility;
};
type MemberPage = {
  ruleSet: string;
  today: string;
  subtree: boolean;
  items: Member[];
  nextCursor: string | null;
};
type Delegation = { id: string; delegator: { subject: string }; delegate: string; roles: string[] };
type Me = {
  subject: string;
  personId: string | null;
  unit: Ref & { canApproveMembership: boolean; path: Ref[] };
  roles: string[];
  actingFor: Delegation | null;
  delegations: { received: Delegation[]; given: Delegation[] };
  may: {
    memberDevelopment: { ruleSet: string; actions: string[] }[];
    cadreRecruitment: string[];
    reservePool: string[];
  };
  readScope: { root: Ref; subtree: boolean };
};

/** Members this file adds to 东村第一党支部 (and one to the second branch), with what the rules say of each. */
const ADDED = [
  { name: '孙预备', branch: B1, status: 'PROBATIONARY' },
  { name: '钱察看', branch: B1, status: 'FULL_MEMBER', discipline: ['PROBATION_WITHIN_PARTY', null, false] },
  { name: '吴恢复', branch: B1, status: 'FULL_MEMBER', discipline: ['PROBATION_WITHIN_PARTY', null, true] },
  { name: '郑期满', branch: B1, status: 'FULL_MEMBER', discipline: ['WARNING', addDays(TODAY, -10), true] },
  { name: '冯二支', branch: 'DX-DZ-DC-B2', status: 'FULL_MEMBER' },
] as const;
const B1_NAMES = ['王建国', '李秀英', '赵丽', '孙预备', '钱察看', '吴恢复', '郑期满'];
const MAY_SPONSOR = ['王建国', '李秀英', '吴恢复', '郑期满'];

/** The principal a demo user's token makes (what inboxActions and the access rules are given). */
function principalOf(user: DemoUser, orgUnit: OrgUnit): Principal {
  const claims = DEMO_USERS[user]!;
  return {
    subject: claims.sub,
    name: claims.name,
    personId: claims.person_id ?? null,
    orgUnit,
    roles: claims.roles,
    actingFor: null,
  };
}

type Operation = {
  operationId: string;
  responses: Record<string, { content: Record<string, { schema: { $ref: string } }> }>;
};

describe('who and where: /v1/me, the org tree, the members of a branch (e2e)', () => {
  let api: INestApplication;
  let server: App;
  const as = (user: DemoUser) => signedIn(server, user);
  const units = new Map<string, OrgUnit>();
  const clearIds: string[] = [];

  async function seedMembers(): Promise<void> {
    const persons = api.get(PersonsRepository);
    for (const [index, member] of ADDED.entries()) {
      const nationalId = nationalIdFor('19880101', String(500 + index));
      clearIds.push(nationalId);
      const { personId } = await persons.ensure({
        name: member.name,
        nationalId,
        birthDate: '1988-01-01',
        gender: index % 2 === 0 ? 'FEMALE' : 'MALE', // the sequence's last digit: 500 is a woman's
      });
      const [kind, impactEnds, restored] = 'discipline' in member ? member.discipline : [null, null, true];
      await withDatabase((db) =>
        db.query(
          `INSERT INTO party_membership (person_id, branch_id, status, party_age_from, discipline_kind,
             discipline_impact_ends, rights_restored)
           SELECT $1, id, $3::membership_status, $4::date, $5::discipline_kind, $6::date, $7 FROM org_unit WHERE code = $2`,
          [
            personId,
            member.branch,
            member.status,
            member.status === 'FULL_MEMBER' ? '2010-07-01' : null,
            kind,
            impactEnds,
            restored,
          ],
        ),
      );
    }
    // 赵丽's serious warning (seeded to end on 2027-06-30) ends a month from today, whenever this runs.
    await withDatabase((db) =>
      db.query(
        `UPDATE party_membership SET discipline_impact_ends = $1::date
         WHERE person_id = (SELECT id FROM person WHERE name = '赵丽')`,
        [addDays(TODAY, 30)],
      ),
    );
    clearIds.push(...DEMO_PEOPLE.map((person) => person.nationalId));
  }

  beforeAll(async () => {
    await useIsolatedDatabase('e2e_directory');
    api = await createHttpApp(ApiModule);
    setupOpenApi(api);
    await api.init();
    server = api.getHttpServer() as App;
    await seedMembers();
    const tree = await (await as('county-auditor')).get('/v1/org-units').query({ depth: 5 }).expect(200);
    const root = (tree.body as { under: Node }).under;
    for (const node of [root, ...(tree.body as { items: Node[] }).items]) {
      const { depth: _depth, childCount: _children, ...unit } = node;
      units.set(node.code, { ...unit, kind: node.kind as OrgUnit['kind'], path: [] });
    }
  });

  afterAll(async () => {
    await api.close();
  });

  const me = async (agent: TestAgent): Promise<Me> => (await agent.get('/v1/me').expect(200)).body as Me;
  const codes = (refs: readonly { code: string }[]) => refs.map((ref) => ref.code);

  describe('GET /v1/me', () => {
    it('a branch member: their branch and the path down to it, no office, their branch as read scope', async () => {
      const body = await me(await as('li-xiuying'));
      expect(body).toMatchObject({
        subject: 'li-xiuying',
        personId: DEMO_USERS['li-xiuying']!.person_id,
        unit: { code: B1, kind: 'BRANCH', name: '东村第一党支部', canApproveMembership: false },
        roles: ['MEMBER'],
        actingFor: null,
        delegations: { received: [], given: [] },
        may: {
          memberDevelopment: [
            { ruleSet: '2026.05', actions: [] },
            { ruleSet: '2014', actions: [] },
          ],
          cadreRecruitment: [],
          reservePool: [],
        },
        readScope: { root: { code: B1 }, subtree: false },
      });
      expect(codes(body.unit.path)).toEqual(['DX', 'DX-DZ', 'DX-DZ-DC']);
      expect(body.unit.path.map((unit) => unit.name)).toEqual(['示范县委', '东镇党委', '东村党委']);
    });

    it('a township organiser: the committee with 审批权, its committee steps per rule set, cadre and reserve steps', async () => {
      const body = await me(await as('dz-organiser'));
      const principal = principalOf('dz-organiser', units.get('DX-DZ')!);
      expect(body).toMatchObject({
        unit: { code: 'DX-DZ', kind: 'TOWNSHIP_COMMITTEE', canApproveMembership: true },
        roles: ['ORGANISER'],
        readScope: { root: { code: 'DX-DZ' }, subtree: true },
      });
      expect(codes(body.unit.path)).toEqual(['DX']);
      expect(body.may.memberDevelopment).toEqual([
        { ruleSet: '2026.05', actions: actionsForRoles(['ORGANISER'], memberRuleSet('2026.05')) },
        { ruleSet: '2014', actions: actionsForRoles(['ORGANISER'], memberRuleSet('2014')) },
      ]);
      expect(body.may.memberDevelopment[0]!.actions).toEqual(
        expect.arrayContaining(['HIGHER_COMMITTEE_DECISION', 'PRE_REVIEW', 'APPROVE_ACCEPTANCE']),
      );
      expect(body.may.memberDevelopment[0]!.actions).not.toContain('RECORD_TALK');
      const inbox = inboxActions(principal);
      expect(body.may.cadreRecruitment).toEqual(inbox.CADRE_RECRUITMENT);
      expect(body.may.reservePool).toEqual(inbox.RESERVE_POOL);
      expect(body.may.cadreRecruitment).toEqual(expect.arrayContaining(['REVIEW_QUALIFICATION', 'DECIDE']));
      expect(body.may.reservePool).toEqual(expect.arrayContaining(['SELECT', 'DECIDE_REVIEW']));
    });

    it('an org-department officer: the department, read scope the county it serves, county steps', async () => {
      const body = await me(await as('zzb-officer'));
      const inbox = inboxActions(principalOf('zzb-officer', units.get('DX-ZZB')!));
      expect(body).toMatchObject({
        unit: { code: 'DX-ZZB', kind: 'ORG_DEPARTMENT' },
        roles: ['ORG_DEPARTMENT_OFFICER'],
        readScope: { root: { code: 'DX', kind: 'COUNTY_COMMITTEE' }, subtree: true },
        may: { cadreRecruitment: inbox.CADRE_RECRUITMENT, reservePool: inbox.RESERVE_POOL },
      });
      expect(body.may.memberDevelopment[0]!.actions).toEqual(
        expect.arrayContaining(['FILE_WITH_ORG_DEPARTMENT', 'REFUSE_RECOGNITION']),
      );
      expect(body.may.cadreRecruitment).toContain('FILE_WITH_COUNTY');
      expect(body.may.cadreRecruitment).not.toContain('DECIDE');
    });

    it('a stand-in acting for the organiser: the delegator’s unit and roles, the delegation held and given', async () => {
      const organiser = await as('dz-organiser');
      const created = (
        await organiser
          .post('/v1/delegations')
          .send({
            delegate: 'dz-secretary',
            roles: ['ORGANISER'],
            validFrom: new Date(Date.now() - 60_000).toISOString(),
            validUntil: new Date(Date.now() + 7 * 86_400_000).toISOString(),
            reason: '参加县委党校培训',
          })
          .expect(201)
      ).body as { id: string };
      const acting = await me((await as('dz-secretary')).set('Acting-For', created.id));
      expect(acting).toMatchObject({
        subject: 'dz-secretary',
        unit: { code: 'DX-DZ' },
        roles: ['ORGANISER'],
        actingFor: {
          id: created.id,
          delegator: { subject: 'dz-organiser' },
          delegate: 'dz-secretary',
          roles: ['ORGANISER'],
          orgUnit: { code: 'DX-DZ' },
          inEffect: true,
        },
      });
      expect(acting.may.memberDevelopment[0]!.actions).toContain('APPROVE_ACCEPTANCE');
      expect(acting.delegations.received.map((d) => d.id)).toContain(created.id);
      const own = await me(await as('dz-secretary'));
      expect(own).toMatchObject({ roles: ['SECRETARY'], actingFor: null });
      expect(own.delegations.received.map((d) => d.id)).toContain(created.id);
      expect(own.may.memberDevelopment[0]!.actions).toContain('RECORD_TALK');
      expect(acting.may.memberDevelopment[0]!.actions).not.toContain('RECORD_TALK');
      const delegator = await me(organiser);
      expect(delegator.delegations.received).toEqual([]);
      expect(delegator.delegations.given.map((d) => d.id)).toContain(created.id);
      const stale = await (await as('dz-secretary')).get('/v1/me').set('Acting-For', randomUUID());
      expect(stale).toMatchObject({ status: 403, body: { code: 'DELEGATION_NOT_ACTIVE' } });
    });
  });

  describe('GET /v1/org-units', () => {
    const list = async (user: DemoUser, query: Record<string, string | number | boolean> = {}) =>
      (await (await as(user)).get('/v1/org-units').query(query).expect(200)).body as {
        under: Node;
        items: Node[];
        nextOffset: number | null;
      };

    it('a township organiser: the children of their committee by default, each with its child count', async () => {
      const { under, items, nextOffset } = await list('dz-organiser');
      expect(under).toMatchObject({ code: 'DX-DZ', depth: 1, canApproveMembership: true, childCount: 3 });
      const child = (code: string, name: string, kind: string, childCount: number) => ({
        id: units.get(code)!.id,
        code,
        name,
        kind,
        parentId: under.id,
        depth: 2,
        canApproveMembership: false,
        childCount,
        closedOn: null,
      });
      expect(items).toEqual([
        child('DX-DZ-DC', '东村党委', 'VILLAGE_COMMITTEE', 2),
        child('DX-DZ-NC', '南村党支部', 'BRANCH', 0),
        child('DX-DZ-XC', '西村党总支', 'GENERAL_BRANCH', 1),
      ]);
      expect(nextOffset).toBeNull();
    });

    it('depth, kind, 审批权 and text filters; under by code or id; offset pages', async () => {
      expect(codes((await list('dz-organiser', { depth: 2 })).items)).toEqual([
        'DX-DZ-DC',
        'DX-DZ-NC',
        'DX-DZ-XC',
        'DX-DZ-DC-B1',
        'DX-DZ-DC-B2',
        'DX-DZ-XC-B1',
      ]);
      expect(codes((await list('dz-organiser', { depth: 5, kind: 'BRANCH' })).items)).toEqual([
        'DX-DZ-NC',
        'DX-DZ-DC-B1',
        'DX-DZ-DC-B2',
        'DX-DZ-XC-B1',
      ]);
      expect(codes((await list('dz-organiser', { depth: 5, kind: 'PARTY_GROUP' })).items)).toEqual([
        'DX-DZ-DC-B1-G1',
      ]);
      const dc = units.get('DX-DZ-DC')!;
      for (const under of [dc.code, dc.id]) {
        expect(codes((await list('dz-organiser', { under, q: '第二' })).items)).toEqual(['DX-DZ-DC-B2']);
        expect(codes((await list('dz-organiser', { under, q: 'dc-b' })).items)).toEqual([
          'DX-DZ-DC-B1',
          'DX-DZ-DC-B2',
        ]);
      }
      for (const q of ['%', '_', '\\']) expect((await list('dz-organiser', { q })).items).toEqual([]);
      const county = await list('zzb-officer');
      expect(county.under.code).toBe('DX');
      expect(codes(county.items)).toEqual(['DX-DZ', 'DX-XZ', 'DX-ZZB']);
      expect(codes((await list('zzb-officer', { canApproveMembership: true })).items)).toEqual([
        'DX-DZ',
        'DX-XZ',
      ]);
      const first = await list('zzb-officer', { depth: 3, limit: 2 });
      const second = await list('zzb-officer', { depth: 3, limit: 2, offset: first.nextOffset! });
      expect(codes(first.items)).toEqual(['DX-DZ', 'DX-XZ']);
      expect(codes(second.items)).toEqual(['DX-ZZB', 'DX-DZ-DC']);
      expect(second.nextOffset).toBe(4);
    });

    it('one unit with its ancestors and children, by code or id', async () => {
      const secretary = await as('dc-b1-secretary');
      for (const reference of [B1, units.get(B1)!.id]) {
        const body = (await secretary.get(`/v1/org-units/${reference}`).expect(200)).body as Node & {
          ancestors: Ref[];
          children: Node[];
        };
        expect(body).toMatchObject({ code: B1, kind: 'BRANCH', depth: 3, childCount: 1 });
        expect(codes(body.ancestors)).toEqual(['DX', 'DX-DZ', 'DX-DZ-DC']);
        expect(body.children).toEqual([
          expect.objectContaining({ code: 'DX-DZ-DC-B1-G1', kind: 'PARTY_GROUP', depth: 4, childCount: 0 }),
        ]);
      }
    });

    it('refuses what lies outside the read scope or the roles (403), unknown units (422, 404), bad queries (400)', async () => {
      const organiser = await as('dz-organiser');
      for (const under of ['DX-XZ', 'DX']) {
        const refused = await organiser.get('/v1/org-units').query({ under });
        expect(refused).toMatchObject({ status: 403, body: { code: 'OUT_OF_SCOPE' } });
      }
      expect(await organiser.get('/v1/org-units/DX-XZ-BC')).toMatchObject({
        status: 403,
        body: { code: 'OUT_OF_SCOPE' },
      });
      expect(await (await as('li-xiuying')).get('/v1/org-units')).toMatchObject({
        status: 403,
        body: { code: 'ROLE_NOT_PERMITTED' },
      });
      expect(await organiser.get('/v1/org-units').query({ under: 'NO-SUCH-UNIT' })).toMatchObject({
        status: 422,
        body: { code: 'ORG_UNIT_UNKNOWN' },
      });
      expect(await organiser.get(`/v1/org-units/${randomUUID()}`)).toMatchObject({
        status: 404,
        body: { code: 'ORG_UNIT_NOT_FOUND' },
      });
      for (const query of [
        { depth: 0 },
        { depth: 'all' },
        { kind: 'VILLAGE' },
        { canApproveMembership: 'yes' },
      ]) {
        const bad = await organiser.get('/v1/org-units').query(query);
        expect(bad).toMatchObject({ status: 400, body: { code: 'REQUEST_VALIDATION_FAILED' } });
        expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
    });
  });

  describe('GET /v1/org-units/{idOrCode}/members', () => {
    const members = async (
      user: DemoUser,
      query: Record<string, string | number | boolean> = {},
      unit = B1,
    ): Promise<MemberPage> =>
      (await (await as(user)).get(`/v1/org-units/${unit}/members`).query(query).expect(200))
        .body as MemberPage;
    const byName = (page: MemberPage) => new Map(page.items.map((member) => [member.name, member]));

    it('lists the branch’s members with standing, discipline and whether each may sponsor today, and why not', async () => {
      const page = await members('dc-b1-secretary');
      expect(page).toMatchObject({ ruleSet: '2026.05', today: TODAY, subtree: false, nextCursor: null });
      expect(page.items.map((member) => member.name).sort()).toEqual([...B1_NAMES].sort());
      const found = byName(page);
      expect(found.get('李秀英')).toMatchObject({
        status: 'FULL_MEMBER',
        partyAgeFrom: '2006-06-20',
        discipline: null,
        branch: { code: B1 },
        sponsor: { eligible: true, reasons: [] },
        cultivationContact: { eligible: true, reasons: [] },
      });
      expect(found.get('孙预备')).toMatchObject({
        status: 'PROBATIONARY',
        partyAgeFrom: null,
        sponsor: { eligible: false, reasons: [{ code: 'SPONSOR_NOT_FULL_MEMBER', article: '§14' }] },
        cultivationContact: { eligible: false, reasons: [{ code: 'CONTACT_NOT_FULL_MEMBER' }] },
      });
      expect(found.get('钱察看')).toMatchObject({
        discipline: { kind: 'PROBATION_WITHIN_PARTY', impactEnds: null, rightsRestored: false },
        sponsor: { eligible: false, reasons: [{ code: 'SPONSOR_DISCIPLINE_RESTRICTED' }] },
      });
      expect(found.get('吴恢复')).toMatchObject({
        discipline: { kind: 'PROBATION_WITHIN_PARTY', rightsRestored: true },
        sponsor: { eligible: true },
      });
      expect(found.get('赵丽')).toMatchObject({
        discipline: { kind: 'SERIOUS_WARNING', impactEnds: addDays(TODAY, 30), rightsRestored: null },
        sponsor: { eligible: false, reasons: [{ code: 'SPONSOR_DISCIPLINE_RESTRICTED' }] },
      });
      expect(found.get('郑期满')).toMatchObject({
        discipline: { kind: 'WARNING' },
        sponsor: { eligible: true },
      });
      // The ID number only masked, never in clear.
      for (const member of page.items) expect(member.nationalIdMasked).toMatch(/^\*{17}[0-9X]$/);
      const text = JSON.stringify(page);
      for (const clear of clearIds) expect(text).not.toContain(clear);
    });

    it('filters: eligibleSponsor, status, name; the 2014 rules; keyset pages', async () => {
      const eligible = await members('dz-organiser', { eligibleSponsor: true });
      expect(eligible.items.map((member) => member.name).sort()).toEqual([...MAY_SPONSOR].sort());
      const ineligible = await members('dz-organiser', { eligibleSponsor: false });
      expect(ineligible.items.map((member) => member.name).sort()).toEqual(
        B1_NAMES.filter((name) => !MAY_SPONSOR.includes(name)).sort(),
      );
      expect((await members('dz-organiser', { status: 'PROBATIONARY' })).items.map((m) => m.name)).toEqual([
        '孙预备',
      ]);
      expect((await members('dz-organiser', { q: '察看' })).items.map((m) => m.name)).toEqual(['钱察看']);
      expect((await members('dz-organiser', { q: '%' })).items).toEqual([]);
      // 2014 has no "should not" for warnings; 留党察看 without restored rights bars under both.
      const old = byName(await members('dz-organiser', { ruleSet: '2014' }));
      expect(old.get('赵丽')!.sponsor).toEqual({ eligible: true, reasons: [] });
      expect(old.get('钱察看')!.sponsor.eligible).toBe(false);

      for (const [query, expected] of [
        [{}, (await members('dz-organiser')).items],
        [{ eligibleSponsor: true }, eligible.items],
      ] as const) {
        const walked: Member[] = [];
        let cursor: string | null = null;
        do {
          const page: MemberPage = await members('dz-organiser', {
            ...query,
            limit: 2,
            ...(cursor ? { cursor } : {}),
          });
          expect(page.items.length).toBeLessThanOrEqual(2);
          walked.push(...page.items);
          cursor = page.nextCursor;
        } while (cursor);
        expect(walked.map((member) => member.personId)).toEqual(expected.map((member) => member.personId));
      }
    });

    it('the members of a subtree: every branch under the village committee', async () => {
      expect((await members('dc-secretary', {}, 'DX-DZ-DC')).items).toEqual([]);
      const subtree = await members('dc-secretary', { subtree: true }, 'DX-DZ-DC');
      expect(subtree.subtree).toBe(true);
      expect(subtree.items.map((member) => member.name).sort()).toEqual([...B1_NAMES, '冯二支'].sort());
      expect(byName(subtree).get('冯二支')!.branch.code).toBe('DX-DZ-DC-B2');
    });

    it('refuses bad queries (400), callers outside the subtree or without an office (403), unknown units (404)', async () => {
      const secretary = await as('dc-b1-secretary');
      for (const query of [
        { limit: 500 },
        { limit: 0 },
        { status: 'FULL' },
        { eligibleSponsor: 'yes' },
        { subtree: 'maybe' },
        { ruleSet: '2020' },
        { q: '' },
        { unknown: 'x' },
      ]) {
        const bad = await secretary.get(`/v1/org-units/${B1}/members`).query(query);
        expect({ query, status: bad.status, code: (bad.body as { code: string }).code }).toEqual({
          query,
          status: 400,
          code: 'REQUEST_VALIDATION_FAILED',
        });
      }
      expect(
        await secretary.get(`/v1/org-units/${B1}/members`).query({ cursor: 'not-a-cursor' }),
      ).toMatchObject({
        status: 400,
        body: { code: 'CURSOR_INVALID' },
      });
      expect(await (await as('bc-secretary')).get(`/v1/org-units/${B1}/members`)).toMatchObject({
        status: 403,
        body: { code: 'OUT_OF_SCOPE' },
      });
      expect(await (await as('dc-b2-secretary')).get(`/v1/org-units/${B1}/members`)).toMatchObject({
        status: 403,
        body: { code: 'OUT_OF_SCOPE' },
      });
      expect(await (await as('li-xiuying')).get(`/v1/org-units/${B1}/members`)).toMatchObject({
        status: 403,
        body: { code: 'ROLE_NOT_PERMITTED' },
      });
      expect(await secretary.get('/v1/org-units/NO-SUCH-UNIT/members')).toMatchObject({
        status: 404,
        body: { code: 'ORG_UNIT_NOT_FOUND' },
      });
      await (await as('county-auditor')).get(`/v1/org-units/${B1}/members`).expect(200);
    });
  });

  it('documents the four operations, and every answer fits its documented schema exactly', async () => {
    const { default: request } = await import('supertest');
    const document = (await request(server).get('/docs-json').expect(200)).body as {
      paths: Record<string, { get?: Operation }>;
      components: object;
    };
    const paths = ['/v1/me', '/v1/org-units', '/v1/org-units/{idOrCode}', '/v1/org-units/{idOrCode}/members'];
    const operations = paths.map((path) => document.paths[path]?.get);
    expect(operations.map((operation) => operation?.operationId)).toEqual([
      'getMe',
      'listOrgUnits',
      'getOrgUnit',
      'listOrgUnitMembers',
    ]);
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ $id: 'api', components: closedSchema(document.components) });
    const validators = operations.map((operation) => {
      expect(Object.keys(operation!.responses)).toEqual(expect.arrayContaining(['200', '401', '403']));
      return ajv.compile({
        $ref: `api${operation!.responses['200']!.content['application/json']!.schema.$ref}`,
      });
    });
    const organiser = await as('dz-organiser');
    const { id } = (
      await organiser
        .post('/v1/delegations')
        .send({
          delegate: 'dz-secretary',
          roles: ['ORGANISER'],
          validFrom: new Date(Date.now() - 60_000).toISOString(),
          validUntil: new Date(Date.now() + 86_400_000).toISOString(),
          reason: '外出学习',
        })
        .expect(201)
    ).body as { id: string };
    const answers: [number, unknown][] = [
      [0, await me(organiser)],
      [0, await me((await as('dz-secretary')).set('Acting-For', id))],
      [0, await me(await as('li-xiuying'))],
      [1, (await organiser.get('/v1/org-units').query({ depth: 3 }).expect(200)).body],
      [2, (await organiser.get(`/v1/org-units/${B1}`).expect(200)).body],
      [3, (await organiser.get(`/v1/org-units/${B1}/members`).query({ limit: 3 }).expect(200)).body],
      [
        3,
        (await organiser.get(`/v1/org-units/${B1}/members`).query({ eligibleSponsor: false }).expect(200))
          .body,
      ],
    ];
    // Closed indeed: an undocumented field, or a null where none is documented, does not fit.
    expect(validators[2]!({ ...(answers[4]![1] as object), clearNationalId: 'x' })).toBe(false);
    expect(validators[2]!({ ...(answers[4]![1] as object), ancestors: null })).toBe(false);
    for (const [index, body] of answers) {
      const validate = validators[index]!;
      expect({
        operation: operations[index]!.operationId,
        valid: validate(body),
        errors: validate.errors,
      }).toEqual({
        operation: operations[index]!.operationId,
        valid: true,
        errors: null,
      });
    }
  });
});
