import { type ArgumentsHost, NotFoundException } from '@nestjs/common';

import { RuleViolationError, violation } from '@app/domain';

import { ProblemError, ProblemFilter, RequestValidationError } from './problem';

function capture(exception: unknown): { status: number; type: string; body: Record<string, unknown> } {
  const sent: { status: number; type: string; body: Record<string, unknown> } = {
    status: 0,
    type: '',
    body: {},
  };
  const response = {
    status(code: number) {
      sent.status = code;
      return this;
    },
    type(value: string) {
      sent.type = value;
      return this;
    },
    send(text: string) {
      sent.body = JSON.parse(text) as Record<string, unknown>;
      return this;
    },
  };
  const host = {
    switchToHttp: () => ({ getRequest: () => ({ originalUrl: '/v1/x' }), getResponse: () => response }),
  } as unknown as ArgumentsHost;
  new ProblemFilter().catch(exception, host);
  return sent;
}

describe(ProblemFilter.name, () => {
  it('maps a rule violation to 422 with its code and article', () => {
    const sent = capture(new RuleViolationError(violation('T15_APPLICANT_UNDER_18', '§5', '未满18岁')));
    expect(sent).toEqual({
      status: 422,
      type: 'application/problem+json',
      body: expect.objectContaining({
        type: 'urn:xianfeng:problem:T15_APPLICANT_UNDER_18',
        status: 422,
        code: 'T15_APPLICANT_UNDER_18',
        article: '§5',
        detail: '未满18岁',
        instance: '/v1/x',
      }),
    });
  });

  it('keeps the status of a ProblemError and lists validation errors per field', () => {
    expect(capture(new ProblemError(409, 'C', 't', 'd')).status).toBe(409);
    const sent = capture(
      new RequestValidationError([
        { property: 'name', constraints: { isNotEmpty: 'name should not be empty' }, children: [] },
      ]),
    );
    expect(sent.body).toMatchObject({
      status: 400,
      code: 'REQUEST_VALIDATION_FAILED',
      errors: [{ field: 'name', message: 'name should not be empty' }],
    });
  });

  it('maps HTTP exceptions and hides unexpected errors behind a generic 500', () => {
    expect(capture(new NotFoundException()).body).toMatchObject({ status: 404, code: 'NOT_FOUND' });
    const sent = capture(new Error('secret connection string'));
    expect(sent.body).toMatchObject({ status: 500, code: 'INTERNAL_ERROR' });
    expect(JSON.stringify(sent.body)).not.toContain('secret');
  });
});
