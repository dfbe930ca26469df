import { randomUUID } from 'node:crypto';

import { type App } from 'supertest/types';

import { addDays, chinaLocalDate } from '../../libs/domain/src';
import { type RunningApps, startAllApps } from '../support/apps';
import { type DemoUser, type TestAgent, signedIn } from '../support/auth';
import { rowCounts, useIsolatedDatabase, withDatabase } from '../support/database';
import { nationalIdFor } from '../support/fixtures';

/**
 * Idempotency-Key and scope over HTTP (issue 11, part A): a key belongs to its caller and to the first
 * request it came with, on every endpoint that takes one; "already open" conflicts name the open case only to
 * callers who may read it; delegations stay inside the delegator's unit and never start in the past.
 */
const TODAY = chinaLocalDate(new Date());
const CADRE_TABLES = ['person', 'cadre_case', 'cadre_record', 'outbox_event'];
const RESERVE_TABLES = ['person', 'reserve_entry', 'reserve_record', 'outbox_event'];
const MEMBER_TABLES = ['person', 'member_case', 'dossier_record', 'outbox_event'];
const B1 = 'DX-DZ-DC-B1';

type Body = Record<string, unknown> & { id: string };

describe('Idempotency-Key and scope (e2e)', () => {
  let apps: RunningApps;
  let server: App;
  const as = (user: DemoUser): Promise<TestAgent> => signedIn(server, user);
  let sequence = 100;
  const person = (birth = '2000-05-01', name = `幂等${sequence}`) => ({
    name,
    nationalId: nationalIdFor(birth.replaceAll('-', ''), String(sequence++)),
    birthDate: birth,
  });
  const nomination = (village: string, nominee = person()) => ({
    programme: 'GUIYAN',
    post: 'SECRETARY_ASSISTANT',
    village,
    channel: 'TOWNSHIP',
    nominatedOn: addDays(TODAY, -10),
    person: nominee,
  });
  const recommendation = (village: string, candidate = person('1998-04-12')) => ({
    village,
    category: 'LOCAL_GRADUATE',
    channel: 'ORGANISATION',
    by: '村党支部',
    recommendedOn: addDays(TODAY, -10),
    person: candidate,
  });
  const application = (branch: string, applicant = person('1995-06-20')) => ({
    ...applicant,
    branch,
    applicationDate: addDays(TODAY, -5),
  });
  const noLeakOf = (body: unknown, ...secrets: string[]) => {
    const text = JSON.stringify(body);
    for (const secret of secrets) expect(text).not.toContain(secret);
  };

  beforeAll(async () => {
    await useIsolatedDatabase('e2e_idempotency');
    apps = await startAllApps();
    server = apps.api.getHttpServer() as App;
  });

  afterAll(async () => {
    await apps.close();
  });

  describe('cadre nominations', () => {
    it("answers another township's request with the same key with its own case, never the first one", async () => {
      const key = `shared-${randomUUID()}`;
      const first = (
        await (
          await as('dz-organiser')
        )
          .post('/v1/cadre-cases')
          .set('Idempotency-Key', key)
          .send(nomination('DX-DZ-DC'))
          .expect(201)
      ).body as Body & { person: { id: string; name: string } };
      const nominee = person();
      const other = await (
        await as('xz-organiser')
      )
        .post('/v1/cadre-cases')
        .set('Idempotency-Key', key)
        .send(nomination('DX-XZ-BC', nominee));
      expect(other.status).toBe(201);
      expect((other.body as Body).id).not.toBe(first.id);
      expect(other.body).toMatchObject({ person: { name: nominee.name } });
      noLeakOf(other.body, first.id, first.person.id, first.person.name);
    });

    it('refuses the same key with another person (422) and records nothing', async () => {
      const township = await as('dz-organiser');
      const key = `reuse-${randomUUID()}`;
      await township
        .post('/v1/cadre-cases')
        .set('Idempotency-Key', key)
        .send(nomination('DX-DZ-DC'))
        .expect(201);
      const before = await rowCounts(CADRE_TABLES);
      const reused = await township
        .post('/v1/cadre-cases')
        .set('Idempotency-Key', key)
        .send(nomination('DX-DZ-DC'));
      expect(reused.status).toBe(422);
      expect(reused.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
      expect(await rowCounts(CADRE_TABLES)).toEqual(before);
    });

    it('answers the same request with the same key, also concurrently, with one case', async () => {
      const township = await as('dz-organiser');
      const key = `same-${randomUUID()}`;
      const body = nomination('DX-DZ-DC');
      const before = await rowCounts(['cadre_case']);
      const answers = await Promise.all(
        [1, 2, 3].map(() => township.post('/v1/cadre-cases').set('Idempotency-Key', key).send(body)),
      );
      expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201]);
      expect(new Set(answers.map((answer) => (answer.body as Body).id)).size).toBe(1);
      const again = await township.post('/v1/cadre-cases').set('Idempotency-Key', key).send(body).expect(201);
      expect((again.body as Body).id).toBe((answers[0]!.body as Body).id);
      expect(await rowCounts(['cadre_case'])).toEqual({ cadre_case: before.cadre_case! + 1 });
    });

    it('refuses a key reused for another body of the same action (422), recording nothing', async () => {
      const township = await as('dz-organiser');
      const { id } = (await township.post('/v1/cadre-cases').send(nomination('DX-DZ-DC')).expect(201))
        .body as Body;
      const key = `action-${randomUUID()}`;
      const facts = {
        date: TODAY,
        education: 'BACHELOR',
        politicalStatus: 'FULL_MEMBER',
        source: 'RETURNING_GRADUATE',
        householdVillage: 'DX-DZ-DC',
        negativeRecords: [],
        relatives: [],
        committeeMemberIds: [],
      };
      await township
        .post(`/v1/cadre-cases/${id}/qualification-review`)
        .set('Idempotency-Key', key)
        .send(facts)
        .expect(200);
      const before = await rowCounts(CADRE_TABLES);
      const reused = await township
        .post(`/v1/cadre-cases/${id}/qualification-review`)
        .set('Idempotency-Key', key)
        .send({ ...facts, education: 'MASTER' });
      expect(reused.status).toBe(422);
      expect(reused.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
      // The same request again is the first answer, recorded once.
      await township
        .post(`/v1/cadre-cases/${id}/qualification-review`)
        .set('Idempotency-Key', key)
        .send(facts)
        .expect(200);
      expect(await rowCounts(CADRE_TABLES)).toEqual(before);
    });

    it('answers a body without the person with 400, not 500', async () => {
      const { person: _left, ...withoutPerson } = nomination('DX-DZ-DC');
      const response = await (await as('dz-organiser')).post('/v1/cadre-cases').send(withoutPerson);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'REQUEST_VALIDATION_FAILED' });
    });

    it('names the open case in a conflict only to a caller who may read it', async () => {
      const nominee = person();
      const { id } = (
        await (
          await as('dz-organiser')
        )
          .post('/v1/cadre-cases')
          .send(nomination('DX-DZ-DC', nominee))
          .expect(201)
      ).body as Body;
      const outside = await (
        await as('xz-organiser')
      )
        .post('/v1/cadre-cases')
        .send(nomination('DX-XZ-BC', nominee));
      expect(outside.status).toBe(409);
      expect(outside.body).toMatchObject({ code: 'CADRE_CASE_ALREADY_OPEN' });
      noLeakOf(outside.body, id);
      const inside = await (
        await as('dz-organiser')
      )
        .post('/v1/cadre-cases')
        .send(nomination('DX-DZ-DC', nominee));
      expect(inside.status).toBe(409);
      expect(inside.body).toMatchObject({ code: 'CADRE_CASE_ALREADY_OPEN', caseId: id });
    });
  });

  describe('reserve-pool entries', () => {
    it("answers another township's request with the same key with its own entry", async () => {
      const key = `shared-${randomUUID()}`;
      const first = (
        await (
          await as('dz-organiser')
        )
          .post('/v1/reserve-pool/entries')
          .set('Idempotency-Key', key)
          .send(recommendation('DX-DZ-NC'))
          .expect(201)
      ).body as Body & { person: { id: string; name: string } };
      const candidate = person('1998-04-12');
      const other = await (
        await as('xz-organiser')
      )
        .post('/v1/reserve-pool/entries')
        .set('Idempotency-Key', key)
        .send(recommendation('DX-XZ-BC', candidate));
      expect(other.status).toBe(201);
      expect((other.body as Body).id).not.toBe(first.id);
      expect(other.body).toMatchObject({ person: { name: candidate.name } });
      noLeakOf(other.body, first.id, first.person.id, first.person.name);
    });

    it('refuses the same key with another person (422); the same request again is one entry', async () => {
      const township = await as('dz-organiser');
      const key = `reuse-${randomUUID()}`;
      const body = recommendation('DX-DZ-NC');
      const answers = await Promise.all(
        [1, 2, 3].map(() => township.post('/v1/reserve-pool/entries').set('Idempotency-Key', key).send(body)),
      );
      expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201]);
      expect(new Set(answers.map((answer) => (answer.body as Body).id)).size).toBe(1);
      const before = await rowCounts(RESERVE_TABLES);
      const reused = await township
        .post('/v1/reserve-pool/entries')
        .set('Idempotency-Key', key)
        .send(recommendation('DX-DZ-NC'));
      expect(reused.status).toBe(422);
      expect(reused.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
      expect(await rowCounts(RESERVE_TABLES)).toEqual(before);
    });

    it('refuses a key reused for another body of the same action (422)', async () => {
      const township = await as('dz-organiser');
      const { id } = (
        await township.post('/v1/reserve-pool/entries').send(recommendation('DX-DZ-NC')).expect(201)
      ).body as Body;
      const key = `action-${randomUUID()}`;
      const round = { date: TODAY, channel: 'MEMBERS_AND_MASSES', by: '南村党员群众' };
      await township
        .post(`/v1/reserve-pool/entries/${id}/recommendations`)
        .set('Idempotency-Key', key)
        .send(round)
        .expect(200);
      const before = await rowCounts(RESERVE_TABLES);
      const reused = await township
        .post(`/v1/reserve-pool/entries/${id}/recommendations`)
        .set('Idempotency-Key', key)
        .send({ ...round, by: '另一次推荐' });
      expect(reused.status).toBe(422);
      expect(reused.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
      expect(await rowCounts(RESERVE_TABLES)).toEqual(before);
    });

    it('answers a body without the person with 400, not 500', async () => {
      const { person: _left, ...withoutPerson } = recommendation('DX-DZ-NC');
      const response = await (await as('dz-organiser')).post('/v1/reserve-pool/entries').send(withoutPerson);
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ code: 'REQUEST_VALIDATION_FAILED' });
    });

    it('names the open entry in a conflict only to a caller who may read it', async () => {
      const candidate = person('1998-04-12');
      const { id } = (
        await (
          await as('dz-organiser')
        )
          .post('/v1/reserve-pool/entries')
          .send(recommendation('DX-DZ-NC', candidate))
          .expect(201)
      ).body as Body;
      const outside = await (
        await as('xz-organiser')
      )
        .post('/v1/reserve-pool/entries')
        .send(recommendation('DX-XZ-BC', candidate));
      expect(outside.status).toBe(409);
      expect(outside.body).toMatchObject({ code: 'RESERVE_ENTRY_ALREADY_OPEN' });
      noLeakOf(outside.body, id);
      const inside = await (
        await as('dz-organiser')
      )
        .post('/v1/reserve-pool/entries')
        .send(recommendation('DX-DZ-NC', candidate));
      expect(inside.status).toBe(409);
      expect(inside.body).toMatchObject({ code: 'RESERVE_ENTRY_ALREADY_OPEN', entryId: id });
    });
  });

  describe('member cases', () => {
    it("answers another branch's application with the same key with its own case", async () => {
      const key = `shared-${randomUUID()}`;
      const first = (
        await (
          await as('dc-b1-committee-member')
        )
          .post('/v1/member-cases')
          .set('Idempotency-Key', key)
          .send(application(B1))
          .expect(201)
      ).body as Body;
      const applicant = person('1995-06-20');
      const other = await (
        await as('bc-secretary')
      )
        .post('/v1/member-cases')
        .set('Idempotency-Key', key)
        .send(application('DX-XZ-BC', applicant));
      expect(other.status).toBe(201);
      expect((other.body as Body).id).not.toBe(first.id);
      expect(other.body).toMatchObject({ applicant: { name: applicant.name } });
    });

    it('refuses the same key with another application by the same caller (422) and records nothing', async () => {
      const branch = await as('dc-b1-committee-member');
      const key = `reuse-${randomUUID()}`;
      await branch.post('/v1/member-cases').set('Idempotency-Key', key).send(application(B1)).expect(201);
      const before = await rowCounts(MEMBER_TABLES);
      const reused = await branch.post('/v1/member-cases').set('Idempotency-Key', key).send(application(B1));
      expect(reused.status).toBe(422);
      expect(reused.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
      expect(await rowCounts(MEMBER_TABLES)).toEqual(before);
    });

    it('refuses a key reused for another body of an action, and binds it to the caller', async () => {
      const branch = await as('dc-b1-committee-member');
      const { id } = (await branch.post('/v1/member-cases').send(application(B1)).expect(201)).body as Body;
      const key = `talk-${randomUUID()}`;
      const talk = { date: TODAY, actingBody: B1, talker: '李秀英', summary: '谈话' };
      await branch.post(`/v1/member-cases/${id}/talk`).set('Idempotency-Key', key).send(talk).expect(200);
      const before = await rowCounts(MEMBER_TABLES);
      const reused = await branch
        .post(`/v1/member-cases/${id}/talk`)
        .set('Idempotency-Key', key)
        .send({ ...talk, summary: '另一次谈话' });
      expect(reused.status).toBe(422);
      expect(reused.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
      expect(await rowCounts(MEMBER_TABLES)).toEqual(before);
      // Another user's request with the same key is theirs: judged by the rules, not answered with the first.
      const colleague = await (
        await as('dc-b1-secretary')
      )
        .post(`/v1/member-cases/${id}/talk`)
        .set('Idempotency-Key', key)
        .send(talk);
      // (A second talk is out of order; the first user's answer would have been 200.)
      expect(colleague.status).toBe(422);
      expect(colleague.body).toMatchObject({ code: 'STEP_OUT_OF_ORDER' });
    });

    it('refuses a bulk key reused for other items (422), recording nothing', async () => {
      const branch = await as('dc-b1-committee-member');
      const { id } = (await branch.post('/v1/member-cases').send(application(B1)).expect(201)).body as Body;
      const key = `bulk-${randomUUID()}`;
      const item = (summary: string) => ({
        caseId: id,
        action: 'RECORD_TALK',
        input: { date: TODAY, actingBody: B1, talker: '李秀英', summary },
      });
      await branch
        .post('/v1/member-cases/bulk-actions')
        .set('Idempotency-Key', key)
        .send({ items: [item('谈话')] })
        .expect(200);
      const before = await rowCounts(MEMBER_TABLES);
      const reused = await branch
        .post('/v1/member-cases/bulk-actions')
        .set('Idempotency-Key', key)
        .send({ items: [item('另一次谈话')] });
      expect(reused.status).toBe(422);
      expect(reused.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
      expect(await rowCounts(MEMBER_TABLES)).toEqual(before);
    });

    it('names the open case in a conflict only to a caller who may read it', async () => {
      const applicant = person('1995-06-20');
      const { id } = (
        await (
          await as('dc-b1-committee-member')
        )
          .post('/v1/member-cases')
          .send(application(B1, applicant))
          .expect(201)
      ).body as Body;
      const outside = await (
        await as('bc-secretary')
      )
        .post('/v1/member-cases')
        .send(application('DX-XZ-BC', applicant));
      expect(outside.status).toBe(409);
      expect(outside.body).toMatchObject({ code: 'MEMBER_CASE_ALREADY_OPEN' });
      noLeakOf(outside.body, id);
      const inside = await (
        await as('dc-b1-secretary')
      )
        .post('/v1/member-cases')
        .send(application(B1, applicant));
      expect(inside.status).toBe(409);
      expect(inside.body).toMatchObject({ code: 'MEMBER_CASE_ALREADY_OPEN', caseId: id });
    });

    it('refuses a key longer than 200 characters or with control characters (400)', async () => {
      const branch = await as('dc-b1-committee-member');
      for (const key of ['k'.repeat(201), 'a\tb']) {
        const response = await branch
          .post('/v1/member-cases')
          .set('Idempotency-Key', key)
          .send(application(B1));
        expect(response.status).toBe(400);
        expect(response.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_INVALID' });
      }
    });
  });

  describe('delegations', () => {
    const period = (fromMs = 0) => ({
      validFrom: new Date(Date.now() + fromMs).toISOString(),
      validUntil: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });

    it('makes one delegation of concurrent requests with one key, and refuses the key for another body', async () => {
      const organiser = await as('dz-organiser');
      const key = `delegation-${randomUUID()}`;
      const body = { delegate: 'dz-secretary', roles: ['ORGANISER'], ...period(60_000), reason: '培训' };
      const answers = await Promise.all(
        [1, 2, 3, 4].map(() => organiser.post('/v1/delegations').set('Idempotency-Key', key).send(body)),
      );
      expect(answers.map((answer) => answer.status)).toEqual([201, 201, 201, 201]);
      const ids = new Set(answers.map((answer) => (answer.body as Body).id));
      expect(ids.size).toBe(1);
      const rows = await withDatabase((db) => db.query('SELECT 1 FROM delegation WHERE id = $1', [...ids]));
      expect(rows.rowCount).toBe(1);
      const before = await rowCounts(['delegation']);
      const reused = await organiser
        .post('/v1/delegations')
        .set('Idempotency-Key', key)
        .send({ ...body, reason: '另一事由' });
      expect(reused.status).toBe(422);
      expect(reused.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
      expect(await rowCounts(['delegation'])).toEqual(before);
    });

    it('refuses a delegation that starts on an earlier day or hands over no role (422)', async () => {
      const organiser = await as('dz-organiser');
      const yesterday = new Date(`${addDays(TODAY, -1)}T12:00:00+08:00`).toISOString();
      const past = await organiser.post('/v1/delegations').send({
        delegate: 'dz-secretary',
        validFrom: yesterday,
        validUntil: new Date(Date.now() + 86_400_000).toISOString(),
        reason: '补登',
      });
      expect(past.status).toBe(422);
      expect(past.body).toMatchObject({ code: 'DELEGATION_STARTS_IN_PAST', article: 'DOMAIN §5.2' });
      const none = await organiser
        .post('/v1/delegations')
        .send({ delegate: 'dz-secretary', roles: [], ...period(), reason: '培训' });
      expect(none.status).toBe(422);
      expect(none.body).toMatchObject({ code: 'DELEGATION_ROLES_NOT_HELD' });
    });

    it("is usable only by a stand-in of the delegator's own unit or below", async () => {
      const organiser = await as('dz-organiser');
      const outside = (
        await organiser
          .post('/v1/delegations')
          .send({ delegate: 'bc-secretary', roles: ['ORGANISER'], ...period(), reason: '培训' })
      ).body as Body;
      const refused = await (await as('bc-secretary')).set('Acting-For', outside.id).get('/v1/inbox');
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ code: 'DELEGATE_OUTSIDE_ORG_UNIT', article: 'DOMAIN §5.2' });
      const inside = (
        await organiser
          .post('/v1/delegations')
          .send({ delegate: 'nc-secretary', roles: ['ORGANISER'], ...period(), reason: '培训' })
          .expect(201)
      ).body as Body;
      await (await as('nc-secretary')).set('Acting-For', inside.id).get('/v1/inbox').expect(200);
    });
  });
});
