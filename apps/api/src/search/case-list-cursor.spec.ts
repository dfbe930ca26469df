import { ProblemError } from '@app/config';

import { type CaseListOrder, decodeCursor, encodeCursor } from './case-list-cursor';

const ID = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const BY_NAME: CaseListOrder = { kind: 'MEMBER_DEVELOPMENT', sort: 'name', order: 'asc' };
const BY_UPDATE: CaseListOrder = { kind: 'MEMBER_DEVELOPMENT', sort: 'updated', order: 'desc' };

function refused(value: string, order: CaseListOrder): unknown {
  try {
    decodeCursor(value, order);
  } catch (error) {
    return error instanceof ProblemError ? { status: error.status, code: error.code } : error;
  }
  return 'accepted';
}

const forged = (body: object) => Buffer.from(JSON.stringify(body)).toString('base64url');

describe('case list cursor', () => {
  it('continues the list it came from', () => {
    expect(decodeCursor(encodeCursor(BY_NAME, { key: '张三', id: ID }), BY_NAME)).toEqual({
      key: '张三',
      id: ID,
    });
    const at = { key: '2026-11-29T08:28:18.167Z', id: ID };
    expect(decodeCursor(encodeCursor(BY_UPDATE, at), BY_UPDATE)).toEqual(at);
    expect(decodeCursor(undefined, BY_NAME)).toBeUndefined();
  });

  it('refuses a cursor of another list, order or kind, and anything encodeCursor did not make', () => {
    const invalid = { status: 400, code: 'CURSOR_INVALID' };
    const byName = encodeCursor(BY_NAME, { key: '张三', id: ID });
    expect(refused(byName, { ...BY_NAME, order: 'desc' })).toEqual(invalid);
    expect(refused(byName, { ...BY_NAME, kind: 'CADRE_RECRUITMENT' })).toEqual(invalid);
    expect(refused(byName, BY_UPDATE)).toEqual(invalid);
    expect(refused('not a cursor', BY_NAME)).toEqual(invalid);
    expect(refused(forged([]), BY_NAME)).toEqual(invalid);
    expect(refused(Buffer.from('null').toString('base64url'), BY_NAME)).toEqual(invalid);
    expect(
      refused(forged({ w: 'MEMBER_DEVELOPMENT', s: 'name', o: 'asc', k: '张三', i: 'x' }), BY_NAME),
    ).toEqual(invalid);
    const updated = { w: 'MEMBER_DEVELOPMENT', s: 'updated', o: 'desc', i: ID };
    expect(refused(forged({ ...updated, k: 'yesterday' }), BY_UPDATE)).toEqual(invalid);
    const byDate: CaseListOrder = { ...BY_UPDATE, sort: 'date' };
    expect(refused(forged({ ...updated, s: 'date', k: '2026-02-30' }), byDate)).toEqual(invalid);
  });
});
