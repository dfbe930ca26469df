import { Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { IsNotEmpty, IsString, Matches } from 'class-validator';
import { Pool } from 'pg';

import { type HealthIndicator } from '@app/config';
import { type CadreCloudEvent } from '@app/contracts';

/** The HR side's own settings: its database and its consumer group. */
export class HrSyncConfig {
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'must be a postgresql:// connection URL' })
  HR_DATABASE_URL!: string;
  @IsString() @IsNotEmpty() HR_SYNC_CONSUMER_GROUP = 'hr-sync';
}

/** One cadre as the HR register holds them: where their case stands, from the last event applied. */
export interface CadreRegisterEntry {
  readonly caseId: string;
  readonly personId: string;
  readonly programmeId: string;
  readonly post: string;
  readonly villageId: string;
  readonly stage: string;
  readonly lastEvent: string;
  readonly lastOccurredOn: string;
  readonly appointedOn: string | null;
  readonly exitedOn: string | null;
}

/** The last word of an event type: `cn.xianfeng.cadre.appointed.v1` → `appointed`. */
const kindOf = (type: string) => type.split('.').at(-2)!;

/**
 * The HR system's cadre register in its own database (HR_DATABASE_URL), kept from Xianfeng's cadre events.
 * Each event is applied once: its id is recorded in the same transaction as its effect, so a redelivered event
 * changes nothing. Events of one case come in order (they share a partition key), so the register follows the
 * case. An integrator would keep this shape and map the register onto their HR system's own records.
 */
@Injectable()
export class CadreRegister implements OnModuleInit, OnApplicationShutdown, HealthIndicator {
  readonly name = 'hr-database';
  private readonly pool: Pool;

  constructor(config: HrSyncConfig) {
    this.pool = new Pool({ connectionString: config.HR_DATABASE_URL, max: 5 });
  }

  async onModuleInit(): Promise<void> {
    await this.pool.query(`
      CREATE TABLE IF NOT EXISTS hr_processed_event (
        event_id uuid PRIMARY KEY,
        processed_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE IF NOT EXISTS hr_cadre_register (
        case_id uuid PRIMARY KEY,
        person_id uuid NOT NULL,
        programme_id text NOT NULL,
        post text NOT NULL,
        village_id uuid NOT NULL,
        stage text NOT NULL,
        last_event text NOT NULL,
        last_occurred_on date NOT NULL,
        appointed_on date,
        exited_on date,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.pool.end();
  }

  async check(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  /** Applies the event unless it was applied before; answers whether it changed the register. */
  async apply(event: CadreCloudEvent): Promise<boolean> {
    const { data } = event;
    const kind = kindOf(event.type);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const fresh = await client.query(
        'INSERT INTO hr_processed_event (event_id) VALUES ($1) ON CONFLICT DO NOTHING RETURNING event_id',
        [event.id],
      );
      if (fresh.rowCount === 0) {
        await client.query('ROLLBACK');
        return false;
      }
      await client.query(
        `INSERT INTO hr_cadre_register AS r (case_id, person_id, programme_id, post, village_id, stage, last_event,
           last_occurred_on, appointed_on, exited_on)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (case_id) DO UPDATE SET
           stage = EXCLUDED.stage, last_event = EXCLUDED.last_event, last_occurred_on = EXCLUDED.last_occurred_on,
           appointed_on = COALESCE(EXCLUDED.appointed_on, r.appointed_on),
           exited_on = COALESCE(EXCLUDED.exited_on, r.exited_on), updated_at = now()`,
        [
          data.caseId,
          data.personId,
          data.programme.id,
          data.post,
          data.village.id,
          data.stage,
          kind,
          data.occurredOn,
          kind === 'appointed' ? data.occurredOn : null,
          kind === 'exited' ? data.occurredOn : null,
        ],
      );
      await client.query('COMMIT');
      return true;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async entry(caseId: string): Promise<CadreRegisterEntry | undefined> {
    const { rows } = await this.pool.query<CadreRegisterEntry>(
      `SELECT case_id AS "caseId", person_id AS "personId", programme_id AS "programmeId", post,
              village_id AS "villageId", stage, last_event AS "lastEvent",
              to_char(last_occurred_on, 'YYYY-MM-DD') AS "lastOccurredOn",
              to_char(appointed_on, 'YYYY-MM-DD') AS "appointedOn", to_char(exited_on, 'YYYY-MM-DD') AS "exitedOn"
         FROM hr_cadre_register WHERE case_id = $1`,
      [caseId],
    );
    return rows[0];
  }

  async processedEvents(): Promise<number> {
    const { rows } = await this.pool.query<{ count: string }>(
      'SELECT count(*)::text AS count FROM hr_processed_event',
    );
    return Number(rows[0]!.count);
  }
}
