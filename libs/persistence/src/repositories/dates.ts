import { type LocalDate } from '@app/domain';

/** A business day (YYYY-MM-DD) as Prisma writes it to a DATE column: midnight UTC. */
export const asDate = (day: string): Date => new Date(`${day}T00:00:00.000Z`);

/** A DATE column read back as YYYY-MM-DD. */
export const dateOnly = (value: Date): LocalDate => value.toISOString().slice(0, 10) as LocalDate;
