import { nationalIdCheckCharacter, parseNationalId, withCheckCharacter } from '@app/domain';

import { maskNationalId } from './persons';

/**
 * How many real ID numbers fit what one response shows of a person: the mask, the birth date and the gender
 * (and the name, which narrows nothing down here). A number is region (6) + birth date (8) + sequence (3,
 * odd for men) + check character. Numbers are counted over the sequences and region codes the mask leaves
 * open, with a valid check character equal to any the mask shows.
 */

/** County-level divisions of the PRC, each with its own region code (民政部, 2023). */
const COUNTY_LEVEL_CODES = 2_844;
/** The real region codes of 南通市 (3206), the demo county's city (GB/T 2260). */
const NANTONG = ['320602', '320612', '320614', '320623', '320681', '320682', '320685'];

const DEMO_IDS = [
  '320602200001051237',
  withCheckCharacter('32060219700312013'),
  withCheckCharacter('32060219820725024'),
  withCheckCharacter('11010519491231002'),
];

/** Whether `candidate` shows the same characters as `mask` wherever the mask shows one. */
const fits = (mask: string, candidate: string): boolean =>
  [...mask].every((char, i) => char === '*' || char === candidate[i]);

/** Numbers with this region code, birth date and gender that fit the mask. */
function candidatesIn(region: string, mask: string, birth: string, gender: 'MALE' | 'FEMALE'): number {
  let count = 0;
  for (let sequence = 0; sequence < 1000; sequence++) {
    if ((sequence % 2 === 1) !== (gender === 'MALE')) continue;
    const first17 = `${region}${birth}${String(sequence).padStart(3, '0')}`;
    if (fits(mask, first17 + nationalIdCheckCharacter(first17))) count++;
  }
  return count;
}

/**
 * The fewest numbers any one region code leaves: the region enters the check character only as its weighted
 * digit sum mod 11, so trying one code per residue covers every real code.
 */
function fewestPerRegion(mask: string, birth: string, gender: 'MALE' | 'FEMALE'): number {
  const regions = new Map<number, string>();
  for (let code = 110000; regions.size < 11; code++) {
    const region = String(code);
    const residue = nationalIdCheckCharacter(`${region}00000000000`);
    if (!regions.has(residue.charCodeAt(0))) regions.set(residue.charCodeAt(0), region);
  }
  return Math.min(
    ...[...regions.values()].map((region) => candidatesIn(region, `******${mask.slice(6)}`, birth, gender)),
  );
}

describe(maskNationalId.name, () => {
  it('shows the last character only', () => {
    expect(maskNationalId('320602200001051237')).toBe('*****************7');
    expect(maskNationalId('11010519491231002X')).toBe('*****************X');
  });

  it.each(DEMO_IDS)(
    'leaves %s unrecoverable beside the birth date and gender: over 100 000 numbers fit nationwide',
    (id) => {
      const { birthDate, gender } = (
        parseNationalId(id) as { ok: true; id: { birthDate: string; gender: 'MALE' | 'FEMALE' } }
      ).id;
      const birth = birthDate.replaceAll('-', '');
      const mask = maskNationalId(id);
      // No digit of the region code or of the sequence shows.
      expect(mask.slice(0, 6)).toBe('******');
      expect(mask.slice(14, 17)).toBe('***');
      const perRegion = fewestPerRegion(mask, birth, gender);
      expect(perRegion * COUNTY_LEVEL_CODES).toBeGreaterThanOrEqual(100_000);
      // Even someone who knows the county (the case's branch is in the response) is left ≥ 40 numbers.
      expect(perRegion).toBeGreaterThanOrEqual(40);
    },
  );

  it('the former mask (first 4 + last 4 characters) gave the number away: one real number fits', () => {
    const id = '320602200001051237';
    const former = `${id.slice(0, 4)}${'*'.repeat(10)}${id.slice(14)}`;
    const fitting = NANTONG.filter((region) => candidatesIn(region, former, '20000105', 'MALE') > 0);
    expect(fitting).toEqual(['320602']);
    // Even without the list of real codes, at most ten of the hundred district codes 3206xx pass the check.
    let anyDistrict = 0;
    for (let district = 0; district < 100; district++)
      anyDistrict += candidatesIn(`3206${String(district).padStart(2, '0')}`, former, '20000105', 'MALE');
    expect(anyDistrict).toBeLessThanOrEqual(10);
  });

  it('masks an earlier mask to the same result, so views recorded before can be masked again', () => {
    const id = '320602200001051237';
    const former = `${id.slice(0, 4)}${'*'.repeat(10)}${id.slice(14)}`;
    expect(maskNationalId(former)).toBe(maskNationalId(id));
    expect(maskNationalId(maskNationalId(id))).toBe(maskNationalId(id));
    expect(maskNationalId('')).toBe('');
  });
});
