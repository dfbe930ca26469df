import { randomUUID } from 'node:crypto';

import { TargetsService } from '../../apps/targets/src/targets.service';
import { DatabaseConfig, loadSection } from '../../libs/config/src';
import { type OrgUnit } from '../../libs/domain/src';
import {
  OrgUnitsRepository,
  PrismaService,
  TargetActualsRepository,
  TargetQuotasRepository,
  VillageCadresRepository,
  toOrgUnit,
} from '../../libs/persistence/src';
import { useIsolatedDatabase } from '../support/database';

/**
 * The 8595 shares on PostgreSQL: cadres placed through recruitment (from the cadre events, through the targets
 * consumer's own path) and the incumbents registered on the village rosters, serving only, per subtree.
 */
describe('village cadre education shares (8595)', () => {
  let prisma: PrismaService;
  let targets: TargetsService;
  let rosters: VillageCadresRepository;
  const units: Record<string, OrgUnit> = {};

  beforeAll(async () => {
    await useIsolatedDatabase('village_cadres');
    prisma = new PrismaService(loadSection(DatabaseConfig));
    for (const row of await prisma.orgUnit.findMany()) units[row.code] = toOrgUnit(row);
    rosters = new VillageCadresRepository(prisma);
    targets = new TargetsService(
      new TargetActualsRepository(prisma),
      new OrgUnitsRepository(prisma),
      new TargetQuotasRepository(prisma),
      rosters,
    );
  });
  afterAll(() => prisma.$disconnect());

  const cadreEvent = (kind: string, caseId: string, villageCode: string, post: string, details: object) => ({
    specversion: '1.0',
    id: randomUUID(),
    source: '/xianfeng/cadre',
    type: `cn.xianfeng.cadre.${kind}.v1`,
    subject: caseId,
    time: '2026-05-01T02:00:00.000Z',
    datacontenttype: 'application/json',
    data: {
      caseId,
      personId: randomUUID(),
      programme: { id: 'XIANREN', name: '贤人回村' },
      post,
      village: { id: units[villageCode]!.id, path: [...units[villageCode]!.path] },
      stage: 'TRIAL',
      occurredOn: '2026-05-01',
      details,
    },
  });
  const message = (event: object) => ({ value: Buffer.from(JSON.stringify(event)) });

  it('counts serving 两委 members and secretaries with 大专+ against 85 % and 95 %, per subtree', async () => {
    const secretary = cadreEvent('appointed', randomUUID(), 'DX-DZ-DC', 'PARTY_SECRETARY', {
      mode: 'ELECTION',
      education: 'BACHELOR',
    });
    const directorCase = randomUUID();
    const director = cadreEvent('appointed', directorCase, 'DX-DZ-NC', 'VILLAGE_DIRECTOR', {
      mode: 'BY_ELECTION',
      education: 'JUNIOR_COLLEGE',
    });
    const assistant = cadreEvent('appointed', randomUUID(), 'DX-DZ-NC', 'SECRETARY_ASSISTANT', {
      mode: 'APPOINTMENT',
      education: 'BACHELOR',
    });
    // Appointed before appointments carried education: serving, but left out of the share.
    const older = cadreEvent('appointed', randomUUID(), 'DX-DZ-DC', 'VILLAGE_COMMITTEE_MEMBER', {
      mode: 'ELECTION',
    });
    const unexpected = () => Promise.reject(new Error('unexpected dead letter'));
    // Delivered twice (at-least-once): counted once.
    await targets.applyMessages(
      [message(secretary), message(director), message(assistant), message(older)],
      unexpected,
    );
    await targets.applyMessages([message(secretary)], unexpected);
    // The director leaves after the trial: no longer serving.
    await targets.applyMessages(
      [
        message(
          cadreEvent('exited', directorCase, 'DX-DZ-NC', 'VILLAGE_DIRECTOR', { destination: 'RELEASED' }),
        ),
      ],
      unexpected,
    );
    await rosters.replaceRoster(
      units['DX-DZ-NC']!.id,
      [
        { name: '刘德明', post: 'PARTY_SECRETARY', education: 'SENIOR_HIGH', since: '2021-01-10' },
        { name: '何芳', post: 'VILLAGE_COMMITTEE_MEMBER', education: 'JUNIOR_COLLEGE', since: null },
      ],
      'dz-organiser',
    );
    await rosters.replaceRoster(
      units['DX-DZ-XC']!.id,
      [{ name: '徐立', post: 'PARTY_SECRETARY', education: 'MASTER', since: '2021-01-10' }],
      'dz-organiser',
    );

    const township = await targets.villageCadreStructure(units['DX-DZ']!);
    // 东村 secretary (本科), 南村 roster (高中 secretary, 大专 member), 西村 roster (硕士 secretary).
    expect(township.cadres).toEqual({
      serving: 5,
      educationUnknown: 1,
      collegeOrAbove: 3,
      share: 0.75,
      goal: 0.85,
      met: false,
    });
    expect(township.secretaries).toEqual({
      serving: 3,
      educationUnknown: 0,
      collegeOrAbove: 2,
      share: 0.6667,
      goal: 0.95,
      met: false,
    });
    const byCode = Object.fromEntries(township.children.map((child) => [child.orgUnit.code, child]));
    expect(byCode['DX-DZ-DC']!.secretaries).toMatchObject({ serving: 1, share: 1, met: true });
    expect(byCode['DX-DZ-NC']!.cadres).toMatchObject({ serving: 2, collegeOrAbove: 1, share: 0.5 });

    // A new roster replaces the old one: 南村 elects a 大专 secretary.
    await rosters.replaceRoster(
      units['DX-DZ-NC']!.id,
      [
        { name: '孙悦', post: 'PARTY_SECRETARY', education: 'JUNIOR_COLLEGE', since: '2026-06-01' },
        { name: '何芳', post: 'VILLAGE_COMMITTEE_MEMBER', education: 'JUNIOR_COLLEGE', since: null },
      ],
      'dz-organiser',
    );
    const after = await targets.villageCadreStructure(units['DX']!);
    expect(after.secretaries).toMatchObject({ serving: 3, collegeOrAbove: 3, share: 1, met: true });
    expect(after.cadres).toMatchObject({ serving: 5, educationUnknown: 1, collegeOrAbove: 4, met: true });
    expect(await rosters.roster(units['DX-DZ-NC']!.id)).toHaveLength(2);
  });
});
