import { nationalIdCheckCharacter, parseNationalId } from './national-id';

describe('parseNationalId', () => {
  it('accepts the example numbers published with GB 11643-1999', () => {
    expect(parseNationalId('11010519491231002X')).toEqual({
      ok: true,
      id: { value: '11010519491231002X', birthDate: '1949-12-31', gender: 'FEMALE' },
    });
    expect(parseNationalId('440524188001010014')).toEqual({
      ok: true,
      id: { value: '440524188001010014', birthDate: '1880-01-01', gender: 'MALE' },
    });
  });

  it('accepts a lower-case x as check character', () => {
    expect(parseNationalId('11010519491231002x')).toMatchObject({
      ok: true,
      id: { value: '11010519491231002X' },
    });
  });

  it('rejects a wrong check character', () => {
    expect(parseNationalId('110105194912310021')).toEqual({ ok: false, problem: 'CHECK_DIGIT' });
    expect(parseNationalId('440524188001010015')).toEqual({ ok: false, problem: 'CHECK_DIGIT' });
  });

  it('rejects an impossible birth date before looking at the check character', () => {
    expect(parseNationalId('110105194902300021')).toEqual({ ok: false, problem: 'BIRTH_DATE' });
  });

  it.each(['', '11010519491231002', '1101051949123100211', '01010519491231002X', '1101051949123100X2'])(
    'rejects malformed %p',
    (raw) => expect(parseNationalId(raw)).toEqual({ ok: false, problem: 'FORMAT' }),
  );

  it('computes the MOD 11-2 check character', () => {
    expect(nationalIdCheckCharacter('11010519491231002')).toBe('X');
    expect(nationalIdCheckCharacter('44052418800101001')).toBe('4');
  });
});
