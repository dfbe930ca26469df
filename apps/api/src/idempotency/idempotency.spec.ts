import { ProblemError } from '@app/config';
import { type Principal } from '@app/domain';
import { type IdempotencyKeysRepository, type IdempotencyScope, PersonIdProtector } from '@app/persistence';

import { IdempotencyToken, canonicalRequest, checkedIdempotencyKey } from './idempotency';
import { IdempotencyService } from './idempotency.service';

const keyed = (hmacKey: Buffer) =>
  new PersonIdProtector({ active: 'k1', keys: new Map([['k1', Buffer.alloc(32, 7)]]) }, hmacKey);
const protector = keyed(Buffer.alloc(32, 9));
const requestFingerprint = (endpoint: string, request: unknown) =>
  protector.keyedHash('idempotency-request', canonicalRequest(endpoint, request));

const scope: IdempotencyScope = {
  callerSubject: 'dz-organiser',
  actingFor: '',
  endpoint: 'POST /v1/cadre-cases',
  key: 'k-1',
};

/** What a call throws (undefined when it returns). */
function thrown(call: () => unknown): unknown {
  try {
    call();
    return undefined;
  } catch (error) {
    return error;
  }
}

describe(checkedIdempotencyKey.name, () => {
  it('takes 1 to 200 printable ASCII characters, and no key where none is required', () => {
    expect(checkedIdempotencyKey('0b6f1c9e-demo 1')).toBe('0b6f1c9e-demo 1');
    expect(checkedIdempotencyKey('k'.repeat(200))).toHaveLength(200);
    expect(checkedIdempotencyKey(undefined)).toBeUndefined();
  });

  it.each([
    ['too long', 'k'.repeat(201)],
    ['empty', ''],
    ['a control character', 'a\tb'],
    ['non-ASCII', '幂等'],
    ['a trailing space', 'k '],
  ])('refuses a key that is %s (400 IDEMPOTENCY_KEY_INVALID)', (_, key) => {
    expect(thrown(() => checkedIdempotencyKey(key))).toMatchObject({
      status: 400,
      code: 'IDEMPOTENCY_KEY_INVALID',
    });
  });

  it('asks for a key where one is required (400 IDEMPOTENCY_KEY_REQUIRED)', () => {
    expect(thrown(() => checkedIdempotencyKey(undefined, true))).toMatchObject({
      status: 400,
      code: 'IDEMPOTENCY_KEY_REQUIRED',
    });
  });
});

describe('the request fingerprint', () => {
  it('is the same for the same request whatever the order of its fields', () => {
    expect(requestFingerprint('POST /x', { a: 1, b: { c: [1, 2], d: 'e' } })).toBe(
      requestFingerprint('POST /x', { b: { d: 'e', c: [1, 2] }, a: 1 }),
    );
    expect(requestFingerprint('POST /x', { a: 1 })).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is keyed: the ID number in a body cannot be guessed from it without the key', () => {
    const body = { nationalId: '320602200001051237' };
    expect(
      keyed(Buffer.alloc(32, 8)).keyedHash('idempotency-request', canonicalRequest('POST /x', body)),
    ).not.toBe(requestFingerprint('POST /x', body));
  });

  it('differs for another body, another array order or another endpoint', () => {
    const base = requestFingerprint('POST /x', { a: 1, list: [1, 2] });
    expect(requestFingerprint('POST /x', { a: 2, list: [1, 2] })).not.toBe(base);
    expect(requestFingerprint('POST /x', { a: 1, list: [2, 1] })).not.toBe(base);
    expect(requestFingerprint('POST /y', { a: 1, list: [1, 2] })).not.toBe(base);
  });
});

describe(IdempotencyToken.name, () => {
  const fingerprint = requestFingerprint(scope.endpoint, { person: '张三' });
  const token = new IdempotencyToken(scope, fingerprint);

  it('derives the same ids for the same caller, key and request', () => {
    const again = new IdempotencyToken({ ...scope }, fingerprint);
    expect(again.id('cadre-case')).toBe(token.id('cadre-case'));
    expect(again.updateId('DECIDE')).toBe(token.updateId('DECIDE'));
    expect(token.id('cadre-case')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it.each([
    ['caller', { ...scope, callerSubject: 'xz-organiser' }, fingerprint],
    ['delegation acted under', { ...scope, actingFor: 'a5c1e7a0-0000-4000-8000-000000000001' }, fingerprint],
    ['endpoint', { ...scope, endpoint: 'POST /v1/reserve-pool/entries' }, fingerprint],
    ['key', { ...scope, key: 'k-2' }, fingerprint],
    ['request', scope, requestFingerprint(scope.endpoint, { person: '李四' })],
  ])('derives other ids for another %s', (_, otherScope, otherFingerprint) => {
    const other = new IdempotencyToken(otherScope, otherFingerprint);
    expect(other.id('cadre-case')).not.toBe(token.id('cadre-case'));
    expect(other.updateId('DECIDE')).not.toBe(token.updateId('DECIDE'));
  });
});

describe(IdempotencyService.name, () => {
  const principal = (subject: string): Principal => ({
    subject,
    name: subject,
    personId: null,
    orgUnit: {
      id: 'u',
      code: 'U',
      name: 'U',
      kind: 'TOWNSHIP_COMMITTEE',
      parentId: null,
      path: ['u'],
      canApproveMembership: true,
    },
    roles: ['ORGANISER'],
    actingFor: null,
  });
  function newTestService() {
    const rows = new Map<string, { fingerprint: string; resourceId: string | null }>();
    const keys = {
      claim: jest.fn(
        (claimScope: IdempotencyScope, request: { fingerprint: string; resourceId: string | null }) => {
          const id = JSON.stringify(claimScope);
          const created = !rows.has(id);
          if (created) rows.set(id, request);
          return Promise.resolve({ ...rows.get(id)!, created });
        },
      ),
      release: jest.fn((claimScope: IdempotencyScope, fingerprint: string) => {
        const id = JSON.stringify(claimScope);
        if (rows.get(id)?.fingerprint === fingerprint) rows.delete(id);
        return Promise.resolve();
      }),
    };
    return {
      sut: new IdempotencyService(keys as unknown as IdempotencyKeysRepository, protector),
      mocks: { keys, rows },
    };
  }
  const request = (body: unknown) => ({
    endpoint: 'POST /v1/cadre-cases',
    request: body,
    resourceId: (token: IdempotencyToken) => token.id('cadre-case'),
  });
  const createdId = (token: IdempotencyToken | undefined) => Promise.resolve(token!.id('cadre-case'));

  it('runs without a key as it is, claiming nothing', async () => {
    const { sut, mocks } = newTestService();
    await expect(
      sut.run(principal('a'), undefined, request({}), (token) => Promise.resolve(token)),
    ).resolves.toBe(undefined);
    expect(mocks.keys.claim).not.toHaveBeenCalled();
  });

  it("answers the same request with the same ids, another caller's with its own", async () => {
    const { sut, mocks } = newTestService();
    const first = await sut.run(principal('a'), 'k', request({ n: 1 }), createdId);
    expect(await sut.run(principal('a'), 'k', request({ n: 1 }), createdId)).toBe(first);
    expect(await sut.run(principal('b'), 'k', request({ n: 2 }), createdId)).not.toBe(first);
    expect([...mocks.rows.values()].map((row) => row.resourceId)).toContain(first);
  });

  it('refuses the same key with another request (422) without running it', async () => {
    const { sut } = newTestService();
    await sut.run(principal('a'), 'k', request({ n: 1 }), createdId);
    const work = jest.fn(createdId);
    await expect(sut.run(principal('a'), 'k', request({ n: 2 }), work)).rejects.toMatchObject({
      status: 422,
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
    expect(work).not.toHaveBeenCalled();
  });

  it('frees the key of a refused request, and keeps it when the outcome is unknown', async () => {
    const { sut, mocks } = newTestService();
    const refused = () => Promise.reject(new ProblemError(422, 'SOME_RULE', 't', 'd'));
    await expect(sut.run(principal('a'), 'k', request({ n: 1 }), refused)).rejects.toMatchObject({
      status: 422,
    });
    expect(mocks.rows.size).toBe(0);
    await expect(sut.run(principal('a'), 'k', request({ n: 2 }), createdId)).resolves.toBeDefined();

    const down = () => Promise.reject(new Error('connection refused'));
    await expect(sut.run(principal('a'), 'k2', request({ n: 1 }), down)).rejects.toThrow(
      'connection refused',
    );
    await expect(sut.run(principal('a'), 'k2', request({ n: 2 }), createdId)).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
  });
});
