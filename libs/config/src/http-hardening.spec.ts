import { MAX_INPUT_DEPTH, SafeInputPipe, unsafeInput } from './http-hardening';
import { RequestValidationError, flattenValidationErrors } from './problem';

describe('unsafeInput', () => {
  it('accepts ordinary text, line breaks, tabs and characters outside the BMP', () => {
    expect(unsafeInput({ name: '张三', summary: '第一行\n第二行\t制表\r\n', rare: '𠀀𪚥' })).toEqual([]);
  });

  it.each([
    ['a NUL byte', 'a\u0000b'],
    ['a bell', '\u0007'],
    ['an escape', 'x\u001b[31m'],
    ['a delete', '\u007f'],
    ['a lone high surrogate', 'a\ud800'],
    ['a lone low surrogate', '\udc00b'],
    ['a reversed pair', '\udc00\ud800'],
  ])('refuses %s with the path of the field', (_, text) => {
    expect(unsafeInput({ person: { names: ['ok', text] } })).toEqual([
      { field: 'person.names.1', message: expect.stringContaining('不可存储') as string },
    ]);
  });

  it('refuses unsafe characters in property names', () => {
    expect(unsafeInput({ 'a\u0000': 1 })).toEqual([
      { field: '(key)', message: expect.any(String) as string },
    ]);
  });

  it('stops at the maximum depth without recursing', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    const found = unsafeInput(deep);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain(`${MAX_INPUT_DEPTH} levels`);
    let allowed: unknown = 'leaf';
    for (let i = 0; i < MAX_INPUT_DEPTH; i++) allowed = [allowed];
    expect(unsafeInput(allowed)).toEqual([]);
  });
});

describe(SafeInputPipe.name, () => {
  const pipe = new SafeInputPipe();

  it('passes safe values through unchanged', () => {
    const body = { name: '张三' };
    expect(pipe.transform(body, { type: 'body' })).toBe(body);
  });

  it('throws the same validation error as class-validator, named after the query or path parameter', () => {
    const refuse = (value: unknown, type: 'query' | 'param', data?: string) => {
      try {
        pipe.transform(value, { type, data });
      } catch (error) {
        expect(error).toBeInstanceOf(RequestValidationError);
        return flattenValidationErrors((error as RequestValidationError).errors).map((e) => e.field);
      }
      throw new Error('not refused');
    };
    expect(refuse({ orgUnit: 'DX\u0000' }, 'query')).toEqual(['orgUnit']);
    expect(refuse('DX\u0000', 'param', 'orgUnit')).toEqual(['orgUnit']);
  });

  it('leaves custom parameters (the verified principal) alone', () => {
    expect(pipe.transform({ name: '\u0000' }, { type: 'custom' })).toEqual({ name: '\u0000' });
  });
});
