import { remask } from './national-id-mask.interceptor';

describe('remask', () => {
  it('masks every nationalIdMasked again, at any depth, and leaves everything else as it was', () => {
    const recordedBefore = {
      view: { person: { id: 'p1', name: '张三', nationalIdMasked: '3206**********1237' } },
      list: [{ applicant: { nationalIdMasked: '3206**********123X' } }],
      at: new Date(0),
      count: 2,
      none: null,
    };
    expect(remask(recordedBefore)).toEqual({
      view: { person: { id: 'p1', name: '张三', nationalIdMasked: '*****************7' } },
      list: [{ applicant: { nationalIdMasked: '*****************X' } }],
      at: new Date(0),
      count: 2,
      none: null,
    });
  });
});
