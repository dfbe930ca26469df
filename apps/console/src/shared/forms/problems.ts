import { type FormInstance } from 'antd';

import { type Problem } from '../../api/client';
import { namePath } from './schema';

/** A rule or field the API names, in the words shown to the organizer (the article in brackets). */
export interface ProblemLine {
  readonly field: string | null;
  readonly text: string;
}

/** Every broken rule and bad field of a refusal, each with the body field it concerns when the API names one. */
export function problemLines(problem: Problem): ProblemLine[] {
  return [
    ...(problem.violations ?? []).map((violation) => ({
      field: violation.field ?? null,
      text: `${violation.message}${violation.article ? `（${violation.article}）` : ''}`,
    })),
    ...(problem.errors ?? []).map((error) => ({ field: error.field || null, text: error.message })),
  ];
}

const sameStart = (path: readonly (string | number)[], prefix: readonly (string | number)[]) =>
  prefix.length <= path.length && prefix.every((part, index) => part === path[index]);

/**
 * Puts each line beside its field (the longest field path of the form that starts the API's: `sponsorIds.1`
 * lands on the sponsors picker) and returns the lines no field of the form shows, for an alert above the buttons.
 */
export function showProblemInForm(form: FormInstance, lines: readonly ProblemLine[]): string[] {
  const registered = form.getFieldsError().map(({ name }) => name);
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const general: string[] = [];
  for (const line of lines) {
    const path = line.field ? namePath(line.field) : [];
    const target = registered
      .filter((name) => name.length > 0 && sameStart(path, name))
      .sort((a, b) => b.length - a.length)[0];
    if (!target) {
      general.push(line.text);
      continue;
    }
    const key = JSON.stringify(target);
    const entry = byField.get(key) ?? { name: target, errors: [] };
    entry.errors.push(line.text);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()].map(({ name, errors }) => ({ name, errors })));
  return general;
}

/** Clears the messages beside the fields (only those under the `within` top-level fields, when given). */
export function clearProblemInForm(form: FormInstance, within?: readonly string[]): void {
  form.setFields(
    form
      .getFieldsError()
      .filter(({ name, errors }) => errors.length > 0 && (!within || within.includes(String(name[0]))))
      .map(({ name }) => ({ name, errors: [] })),
  );
}
