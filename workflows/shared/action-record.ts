/** An action's own facts for its record: everything but its type, its date and who entered it. */
export function actionRecordData(action: object): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(action).filter(([key]) => !['type', 'date', 'actingBody', 'recordedBy'].includes(key)),
  );
}
