import { type AccessService } from '@app/auth';
import {
  CaseClosed,
  type CaseKind,
  CaseNotFound,
  type OrgUnit,
  type Principal,
  type RecordedBy,
  type VillageActor,
  cadreActionViolation,
  recordedBy,
  subtreeReadViolation,
} from '@app/domain';
import { type OrgUnitsRepository } from '@app/persistence';

import { type AnyRoutes, routedAction } from '../action-route';
import { DatedActionDto } from '../cadre-cases/cadre-case.dto';
import { DRY_RUN, type Submission, isDryRun } from '../dry-run';
import { type IdempotencyService } from '../idempotency/idempotency.service';

/** A case held by a village as its workflow holds it: the recruitment case or the reservist. */
export interface VillageCaseSnapshot {
  readonly status: string;
  readonly state?: { readonly villageId: string } | null;
}

/** What a recorded action carries besides the domain action: who acted, for which body. */
export interface ActingFor {
  readonly actingBody: OrgUnit;
  readonly recordedBy: RecordedBy;
}

/**
 * One kind of case a village holds (村干部招引, 村级后备力量): its gateway, its route table, who acts for
 * each action, and how a checked body becomes its domain action.
 */
export interface VillageCaseKind<
  Snapshot extends VillageCaseSnapshot,
  Routes extends AnyRoutes,
  Action extends { readonly type: string },
  View,
> {
  /** As the domain errors name it (CADRE_CASE_NOT_FOUND, RESERVE_ENTRY …). */
  readonly kind: Extract<CaseKind, 'CADRE_CASE' | 'RESERVE_ENTRY'>;
  /** The cases' collection path (`/v1/cadre-cases`), for the idempotency record's endpoint. */
  readonly collection: string;
  /** The name of the case id in the idempotency record's request (kept as stored before). */
  readonly idField: string;
  readonly routes: Routes;
  readonly actors: Readonly<Record<keyof Routes & string, VillageActor>>;
  readonly gateway: {
    snapshot(id: string): Promise<Snapshot>;
    act(id: string, action: Action & ActingFor, updateId?: string): Promise<View>;
    dryRun(id: string, action: Action & ActingFor): Promise<View>;
  };
  /** A case the workflow holds but the kind does not show (a reservist without its view yet). */
  readonly shown?: (snapshot: Snapshot) => boolean;
  build(type: keyof Routes & string, dto: DatedActionDto, snapshot: Snapshot): Promise<Action>;
}

/** A checked action, ready to record: the case as read, and the domain action. */
export interface CheckedAction<Snapshot, Action> {
  readonly id: string;
  readonly snapshot: Snapshot;
  readonly village: OrgUnit;
  readonly action: Action;
}

/**
 * Acting on a case a village holds, over HTTP and in bulk decisions: the case read from its workflow, the
 * caller's authority over the village for the action, the case still open, the body turned into the domain
 * action, and the action recorded once per idempotency key. The rules themselves are the workflow's.
 */
export class VillageCaseActions<
  Snapshot extends VillageCaseSnapshot,
  Routes extends AnyRoutes,
  Action extends { readonly type: string },
  View,
> {
  constructor(
    private readonly kind: VillageCaseKind<Snapshot, Routes, Action, View>,
    private readonly orgUnits: OrgUnitsRepository,
    private readonly access: AccessService,
    private readonly idempotency: IdempotencyService,
  ) {}

  /**
   * `POST {collection}/{id}/<path>`: the body checked like its own DTO, then authority, state and rules; a dry
   * run answers the same, recording nothing.
   */
  async act(
    principal: Principal,
    id: string,
    path: string,
    body: unknown,
    key?: string,
    dryRun = false,
  ): Promise<View> {
    const { type, dto } = await routedAction(this.kind.routes, path, body);
    const checked = await this.checked(principal, id, type, dto);
    const request = {
      endpoint: `POST ${this.kind.collection}/{id}/${path}`,
      request: { [this.kind.idField]: id, body },
    };
    return this.record(principal, checked, key, request, dryRun);
  }

  /** One item of a bulk decision, its body already checked against its DTO; `updateId` from the batch's key. */
  async recordInBatch(
    principal: Principal,
    id: string,
    type: keyof Routes & string,
    dto: DatedActionDto,
    submission: Submission,
  ): Promise<View> {
    return this.submit(principal, await this.checked(principal, id, type, dto), submission);
  }

  /** The case read for an action the caller takes as `actor`: refused unless they act for the village. */
  async actable(
    principal: Principal,
    id: string,
    actor: VillageActor,
  ): Promise<{ snapshot: Snapshot; village: OrgUnit }> {
    const read = await this.readable(principal, id, false);
    const refusal = cadreActionViolation(principal, actor, read.village);
    if (refusal) this.access.refuse(principal, refusal, `${read.village.code}:${id}`);
    if (read.snapshot.status !== 'OPEN')
      throw new CaseClosed(this.kind.kind, id, 'ACT', read.snapshot.status);
    return read;
  }

  /** Records a checked action once per key (`request` is what the key was first used for), or tries it. */
  record(
    principal: Principal,
    checked: CheckedAction<Snapshot, Action>,
    key: string | undefined,
    request: { endpoint: string; request: unknown },
    dryRun: boolean,
  ): Promise<View> {
    if (dryRun) return this.submit(principal, checked, DRY_RUN);
    return this.idempotency.run(principal, key, { ...request, resourceId: () => checked.id }, (token) =>
      this.submit(principal, checked, { updateId: token?.updateId(checked.action.type) }),
    );
  }

  /** Sends the action to the case's workflow (a case that closed meanwhile is CaseClosed there too). */
  submit(
    principal: Principal,
    { id, action }: CheckedAction<Snapshot, Action>,
    submission: Submission,
  ): Promise<View> {
    const input = { ...action, actingBody: principal.orgUnit, recordedBy: recordedBy(principal) };
    return isDryRun(submission)
      ? this.kind.gateway.dryRun(id, input)
      : this.kind.gateway.act(id, input, submission.updateId);
  }

  /** The case, the caller allowed to read it (its village in their subtree). */
  async get(principal: Principal, id: string): Promise<Snapshot> {
    return (await this.readable(principal, id, true)).snapshot;
  }

  /** Whether the caller may read the case (no refusal logged: for deciding what a conflict may name). */
  async mayRead(principal: Principal, id: string): Promise<boolean> {
    const { village } = await this.readable(principal, id, false);
    return !subtreeReadViolation(principal, village);
  }

  /** The case and its village; with `enforceRead`, refused unless the village is in the caller's subtree. */
  async readable(
    principal: Principal,
    id: string,
    enforceRead: boolean,
  ): Promise<{ snapshot: Snapshot; village: OrgUnit }> {
    const snapshot = await this.kind.gateway.snapshot(id);
    const shown = snapshot.state && (this.kind.shown?.(snapshot) ?? true);
    const village = shown ? await this.orgUnits.find(snapshot.state.villageId) : undefined;
    if (!village) throw new CaseNotFound(this.kind.kind, id);
    if (enforceRead) {
      const refusal = subtreeReadViolation(principal, village);
      if (refusal) this.access.refuse(principal, refusal, `${village.code}:${id}`);
    }
    return { snapshot, village };
  }

  private async checked(
    principal: Principal,
    id: string,
    type: keyof Routes & string,
    dto: unknown,
  ): Promise<CheckedAction<Snapshot, Action>> {
    // Every route's body is a dated action (routedAction made it an instance of its route's DTO).
    if (!(dto instanceof DatedActionDto)) throw new Error(`${type}: the body is not a dated action`);
    const { snapshot, village } = await this.actable(principal, id, this.kind.actors[type]);
    return { id, snapshot, village, action: await this.kind.build(type, dto, snapshot) };
  }
}
