/** A business day (YYYY-MM-DD) as Prisma writes it to a DATE column: midnight UTC. */
export const asDate = (day: string): Date => new Date(`${day}T00:00:00.000Z`);

/** A DATE column read back as YYYY-MM-DD. */
export const dateOnly = (value: Date): string => value.toISOString().slice(0, 10);
