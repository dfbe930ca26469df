import { type OperatorService } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

import {
  CASE_SEARCH_ATTRIBUTE_TYPES,
  SearchAttributeConflict,
  ensureCaseSearchAttributes,
} from './search-attributes';

const { IndexedValueType } = temporal.api.enums.v1;
type Types = Record<string, temporal.api.enums.v1.IndexedValueType>;

/** An operator service over one namespace's custom attributes; `raceWith` lands before the first add. */
function operator(registered: Types, raceWith?: Types) {
  const added: Types[] = [];
  const service = {
    listSearchAttributes: () => Promise.resolve({ customAttributes: { ...registered } }),
    addSearchAttributes: ({ searchAttributes }: { searchAttributes: Types }) => {
      if (raceWith) {
        Object.assign(registered, raceWith);
        raceWith = undefined;
        return Promise.reject(new Error('6 ALREADY_EXISTS: search attribute XianfengStage already exists'));
      }
      added.push(searchAttributes);
      Object.assign(registered, searchAttributes);
      return Promise.resolve({});
    },
  };
  return { service: service as unknown as OperatorService, added };
}

describe('ensureCaseSearchAttributes', () => {
  it('registers the missing ones with their types, and nothing once they are there', async () => {
    const registered: Types = {
      XianfengCaseKind: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
      CustomerTier: IndexedValueType.INDEXED_VALUE_TYPE_INT,
    };
    const { service, added } = operator(registered);
    expect(await ensureCaseSearchAttributes(service, 'default')).toEqual([
      'XianfengOrgPath',
      'XianfengStage',
      'XianfengNextStep',
      'XianfengNextDue',
    ]);
    expect(added).toEqual([
      {
        XianfengOrgPath: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD_LIST,
        XianfengStage: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD,
        XianfengNextStep: IndexedValueType.INDEXED_VALUE_TYPE_INT,
        XianfengNextDue: IndexedValueType.INDEXED_VALUE_TYPE_DATETIME,
      },
    ]);
    expect(await ensureCaseSearchAttributes(service, 'default')).toEqual([]);
    expect(added).toHaveLength(1);
  });

  it('refuses an attribute of one of its names registered with another type', async () => {
    const { service, added } = operator({ XianfengStage: IndexedValueType.INDEXED_VALUE_TYPE_TEXT });
    await expect(ensureCaseSearchAttributes(service, 'default')).rejects.toThrow(SearchAttributeConflict);
    await expect(ensureCaseSearchAttributes(service, 'default')).rejects.toThrow(
      'XianfengStage is registered as INDEXED_VALUE_TYPE_TEXT, the workflows need INDEXED_VALUE_TYPE_KEYWORD',
    );
    expect(added).toEqual([]);
  });

  it('accepts that another process registered them meanwhile, and fails when it did not', async () => {
    const raced = operator({}, { ...CASE_SEARCH_ATTRIBUTE_TYPES });
    expect(await ensureCaseSearchAttributes(raced.service, 'default')).toHaveLength(5);
    const half = operator({}, { XianfengStage: IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD });
    await expect(ensureCaseSearchAttributes(half.service, 'default')).rejects.toThrow('ALREADY_EXISTS');
  });
});
