import { randomUUID } from 'node:crypto';

import { type App } from 'supertest/types';

import { type ChainBreak } from '../../libs/contracts/src';
import { addDays, chinaLocalDate } from '../../libs/domain/src';
import { nameBasedUuid } from '../../libs/persistence/src';
import { DEMO_PEOPLE } from '../../prisma/seed/demo-county';
import { main as verifyChains } from '../../apps/api/src/verify-chains';
import { type RunningApps, startAllApps } from '../support/apps';
import { type TestAgent, signedIn } from '../support/auth';
import { useIsolatedDatabase } from '../support/database';
import { nationalIdFor } from '../support/fixtures';
import { type ChainTable, tamper } from '../support/tamper';

/**
 * Tamper evidence over HTTP: a member case, a cadre case and a reserve entry each record a few steps through the
 * API; then their stored records are altered behind the application's back with plain SQL (the append-only
 * triggers switched off): one record's content edited, one record rewritten together with a matching hash,
 * one record deleted. Every record endpoint names each broken record and how it broke, and marks each record;
 * `npm run db:verify-chains` finds the same breaks.
 */
const BRANCH = 'DX-DZ-DC-B1';
const TOWNSHIP = 'DX-DZ';
const personId = (name: string) =>
  nameBasedUuid(`person:${DEMO_PEOPLE.find((p) => p.name === name)!.nationalId}`);

interface RecordsBody {
  records: { id: string; seq: number; verified: boolean }[];
  chainValid: boolean;
  chain: { valid: boolean; breaks: ChainBreak[] };
}

describe('tamper evidence (e2e)', () => {
  let apps: RunningApps;
  let branch: TestAgent;
  let township: TestAgent;
  let county: TestAgent;
  const today = chinaLocalDate(new Date());
  const daysAgo = (days: number) => addDays(today, -days);
  /** What each test tampered with, for the command at the end. */
  const tampered: { kind: string; subject: string; records: RecordsBody['records'] }[] = [];

  beforeAll(async () => {
    await useIsolatedDatabase('e2e_tamper_evidence');
    apps = await startAllApps();
    const server = apps.api.getHttpServer() as App;
    branch = await signedIn(server, 'dc-b1-committee-member');
    township = await signedIn(server, 'dz-organiser');
    county = await signedIn(server, 'zzb-officer');
  });

  afterAll(async () => {
    await apps.close();
  });

  const ok = async (agent: TestAgent, path: string, body: object): Promise<{ id: string }> => {
    const response = await agent.post(path).set('Idempotency-Key', randomUUID()).send(body);
    if (response.status >= 300)
      throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body as { id: string };
  };

  /** Reads the records intact, tampers with them and reads them again: every break named, every record marked. */
  async function intactThenTampered(
    agent: TestAgent,
    path: string,
    table: ChainTable,
    kind: string,
    subject: string,
  ): Promise<void> {
    const intact = (await agent.get(path).expect(200)).body as RecordsBody;
    expect(intact.chainValid).toBe(true);
    expect(intact.chain).toEqual({ valid: true, breaks: [] });
    expect(intact.records.length).toBeGreaterThanOrEqual(7);
    expect(intact.records.every((record) => record.verified)).toBe(true);
    const ids = new Map(intact.records.map((record) => [record.seq, record.id]));

    // seq 2 edited in place, seq 4 rewritten with a matching hash, seq 6 deleted.
    await tamper(table, subject, [
      { seq: 2, how: 'edit-content' },
      { seq: 4, how: 'rewrite-with-hash' },
      { seq: 6, how: 'delete' },
    ]);

    const after = (await agent.get(path).expect(200)).body as RecordsBody;
    expect(after.chainValid).toBe(false);
    expect(after.chain.valid).toBe(false);
    expect(after.chain.breaks.map(({ seq, recordId, kind: how }) => ({ seq, recordId, kind: how }))).toEqual([
      { seq: 2, recordId: ids.get(2), kind: 'CONTENT_CHANGED' },
      { seq: 4, recordId: ids.get(4), kind: 'HASH_REWRITTEN' },
      { seq: 5, recordId: ids.get(5), kind: 'LINK_BROKEN' },
      { seq: 6, recordId: null, kind: 'RECORD_MISSING' },
    ]);
    for (const found of after.chain.breaks) expect(found.detail).toEqual(expect.any(String));
    // Seq 5 links to the hash seq 4 had; seq 7 to the deleted seq 6: neither can be verified any more.
    expect(after.records.map((record) => [record.seq, record.verified])).toEqual(
      intact.records
        .filter((record) => record.seq !== 6)
        .map((record) => [record.seq, ![2, 4, 5, 7].includes(record.seq)]),
    );
    tampered.push({ kind, subject, records: intact.records });
  }

  it('names the edited, rewritten and deleted records of a member case’s 全程纪实 (timeline)', async () => {
    // Dated 2020–2021: the member-development suite reads the whole shared topic into its targets read model and
    // counts 2023–2025 in this branch, so a case of another suite in those years would be counted with its own.
    const { id } = await ok(branch, '/v1/member-cases', {
      name: '郑实',
      nationalId: nationalIdFor('19950203', '661'),
      birthDate: '1995-02-03',
      branch: BRANCH,
      applicationDate: '2020-03-01',
    });
    const step = (path: string, body: object) => ok(branch, `/v1/member-cases/${id}/${path}`, body);
    await step('talk', { date: '2020-03-20', actingBody: BRANCH, talker: '李秀英', summary: '了解入党动机' });
    await step('activist', { date: '2020-04-10', actingBody: BRANCH, recommendation: 'PARTY_MEMBERS' });
    await ok(township, `/v1/member-cases/${id}/activist-filing`, {
      date: '2020-04-20',
      actingBody: TOWNSHIP,
    });
    await step('cultivation-contacts', {
      date: '2020-04-20',
      actingBody: BRANCH,
      contactIds: [personId('王建国'), personId('李秀英')],
    });
    await step('activist-vettings', { date: '2020-10-10', actingBody: BRANCH, summary: '半年考察' });
    await step('development-target-proposal', {
      date: '2021-04-10',
      actingBody: BRANCH,
      opinionsHeard: ['党小组', '培养联系人', '群众'],
    });
    await ok(township, `/v1/member-cases/${id}/development-target-decision`, {
      date: '2021-04-15',
      actingBody: TOWNSHIP,
      consent: true,
    });

    await intactThenTampered(branch, `/v1/member-cases/${id}/timeline`, 'dossier_record', 'member-case', id);
  });

  it('names the edited, rewritten and deleted records of a cadre case’s 一人一档', async () => {
    const { id } = await ok(township, '/v1/cadre-cases', {
      programme: 'GUIYAN',
      post: 'SECRETARY_ASSISTANT',
      village: 'DX-DZ-DC',
      channel: 'TOWNSHIP',
      nominatedOn: '2025-03-03',
      person: { name: '归雁662', nationalId: nationalIdFor('20000501', '662'), birthDate: '2000-05-01' },
    });
    const step = (agent: TestAgent, action: string, body: object) =>
      ok(agent, `/v1/cadre-cases/${id}/${action}`, body);
    await step(township, 'qualification-review', {
      date: '2025-03-05',
      education: 'BACHELOR',
      politicalStatus: 'FULL_MEMBER',
      source: 'RETURNING_GRADUATE',
      householdVillage: 'DX-DZ-DC',
      negativeRecords: [],
      relatives: [],
      committeeMemberIds: [],
    });
    await step(township, 'joint-review', { date: '2025-03-06' });
    const programmes = (await township.get('/v1/cadre-programmes').expect(200)).body as {
      id: string;
      jointReviewDepartments: string[];
    }[];
    for (const department of programmes.find((p) => p.id === 'GUIYAN')!.jointReviewDepartments.slice(0, 5))
      await step(county, 'joint-review-opinions', {
        date: '2025-03-10',
        department,
        result: 'PASS',
        note: '',
      });

    await intactThenTampered(township, `/v1/cadre-cases/${id}/records`, 'cadre_record', 'cadre-case', id);
  });

  it('names the edited, rewritten and deleted records of a reservist’s 一人一档', async () => {
    const { id } = await ok(township, '/v1/reserve-pool/entries', {
      village: 'DX-DZ-NC',
      category: 'LOCAL_GRADUATE',
      channel: 'ORGANISATION',
      by: '南村党支部',
      recommendedOn: daysAgo(40),
      person: { name: '后备663', nationalId: nationalIdFor('19980412', '663'), birthDate: '1998-04-12' },
    });
    const step = (agent: TestAgent, action: string, body: object) =>
      ok(agent, `/v1/reserve-pool/entries/${id}/${action}`, body);
    await step(township, 'recommendations', {
      date: daysAgo(39),
      channel: 'MEMBERS_AND_MASSES',
      by: '南村党员群众',
    });
    await step(township, 'qualification-review', {
      date: daysAgo(38),
      education: 'BACHELOR',
      politicalStatus: 'LEAGUE_MEMBER',
      negativeRecords: [],
    });
    await step(county, 'joint-vetting', {
      date: daysAgo(35),
      departments: [
        { department: '纪委监委', result: 'PASS', note: '' },
        { department: '公安', result: 'PASS', note: '' },
      ],
    });
    await step(township, 'selection', {
      date: daysAgo(30),
      approved: true,
      committeeVote: { members: 9, present: 8, yes: 8 },
      minutesRef: '东镇党委会纪要〔2026〕31号',
    });
    await step(township, 'notice', { date: daysAgo(28), end: daysAgo(18), scope: '南村村务公开栏' });
    await step(township, 'notice-close', { date: daysAgo(17), findings: [] });

    await intactThenTampered(
      township,
      `/v1/reserve-pool/entries/${id}/records`,
      'reserve_record',
      'reserve-entry',
      id,
    );
  });

  it('db:verify-chains names every broken record the endpoints named and exits non-zero', async () => {
    expect(tampered.map((t) => t.kind)).toEqual(['member-case', 'cadre-case', 'reserve-entry']);
    let out = '';
    const code = await verifyChains([], process.env, {
      write: (text: string) => {
        out += text;
        return true;
      },
    });
    expect(code).toBe(1);
    for (const { kind, subject, records } of tampered) {
      const id = (seq: number) => records.find((record) => record.seq === seq)!.id;
      expect(out).toContain(`${kind} ${subject} seq 2 record ${id(2)} CONTENT_CHANGED`);
      expect(out).toContain(`${kind} ${subject} seq 4 record ${id(4)} HASH_REWRITTEN`);
      expect(out).toContain(`${kind} ${subject} seq 5 record ${id(5)} LINK_BROKEN`);
      expect(out).toContain(`${kind} ${subject} seq 6 record - RECORD_MISSING`);
    }
    expect(out).toMatch(/3 broken chains, 12 breaks/);
  });
});
