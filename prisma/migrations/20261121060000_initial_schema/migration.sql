-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "org_unit_kind" AS ENUM ('COUNTY_COMMITTEE', 'ORG_DEPARTMENT', 'TOWNSHIP_COMMITTEE', 'VILLAGE_COMMITTEE', 'GENERAL_BRANCH', 'BRANCH', 'PARTY_GROUP');

-- CreateEnum
CREATE TYPE "gender" AS ENUM ('MALE', 'FEMALE');

-- CreateEnum
CREATE TYPE "member_stage" AS ENUM ('APPLICANT', 'ACTIVIST', 'DEVELOPMENT_TARGET', 'PROBATIONARY', 'FULL_MEMBER');

-- CreateEnum
CREATE TYPE "case_status" AS ENUM ('OPEN', 'CLOSED');

-- CreateTable
CREATE TABLE "org_unit" (
    "id" UUID NOT NULL,
    "code" VARCHAR(64) NOT NULL,
    "name" VARCHAR(200) NOT NULL,
    "kind" "org_unit_kind" NOT NULL,
    "parent_id" UUID,
    "path" VARCHAR(1024) NOT NULL,
    "depth" SMALLINT NOT NULL,
    "can_approve_membership" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "org_unit_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "person" (
    "id" UUID NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "national_id" VARCHAR(18) NOT NULL,
    "birth_date" DATE NOT NULL,
    "gender" "gender" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "person_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "member_case" (
    "id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "branch_id" UUID NOT NULL,
    "workflow_id" VARCHAR(200) NOT NULL,
    "rule_set" VARCHAR(16) NOT NULL,
    "stage" "member_stage" NOT NULL,
    "current_step" SMALLINT NOT NULL,
    "status" "case_status" NOT NULL DEFAULT 'OPEN',
    "application_date" DATE NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "member_case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dossier_record" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "step" SMALLINT NOT NULL,
    "action" VARCHAR(64) NOT NULL,
    "occurred_on" DATE NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" VARCHAR(100),
    "acting_body_id" UUID,
    "data" JSONB NOT NULL,
    "evidence" JSONB NOT NULL DEFAULT '[]',
    "prev_hash" CHAR(64),
    "hash" CHAR(64) NOT NULL,

    CONSTRAINT "dossier_record_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "outbox_event" (
    "id" UUID NOT NULL,
    "seq" BIGSERIAL NOT NULL,
    "aggregate_type" VARCHAR(64) NOT NULL,
    "aggregate_id" VARCHAR(200) NOT NULL,
    "topic" VARCHAR(200) NOT NULL,
    "event_type" VARCHAR(200) NOT NULL,
    "payload" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "published_at" TIMESTAMPTZ(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,

    CONSTRAINT "outbox_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "processed_event" (
    "consumer" VARCHAR(100) NOT NULL,
    "event_id" UUID NOT NULL,
    "processed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "processed_event_pkey" PRIMARY KEY ("consumer","event_id")
);

-- CreateTable
CREATE TABLE "target_actual" (
    "org_unit_id" UUID NOT NULL,
    "year" SMALLINT NOT NULL,
    "metric" VARCHAR(64) NOT NULL,
    "value" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "target_actual_pkey" PRIMARY KEY ("org_unit_id","year","metric")
);

-- CreateIndex
CREATE UNIQUE INDEX "org_unit_code_key" ON "org_unit"("code");

-- CreateIndex
CREATE INDEX "org_unit_parent_id_idx" ON "org_unit"("parent_id");

-- CreateIndex
CREATE INDEX "org_unit_path_prefix_idx" ON "org_unit"("path" text_pattern_ops);

-- CreateIndex
CREATE UNIQUE INDEX "person_national_id_key" ON "person"("national_id");

-- CreateIndex
CREATE UNIQUE INDEX "member_case_workflow_id_key" ON "member_case"("workflow_id");

-- CreateIndex
CREATE INDEX "member_case_person_id_idx" ON "member_case"("person_id");

-- CreateIndex
CREATE INDEX "member_case_branch_id_status_idx" ON "member_case"("branch_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "dossier_record_hash_key" ON "dossier_record"("hash");

-- CreateIndex
CREATE UNIQUE INDEX "dossier_record_case_id_seq_key" ON "dossier_record"("case_id", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "outbox_event_seq_key" ON "outbox_event"("seq");

-- CreateIndex
CREATE INDEX "outbox_event_published_at_seq_idx" ON "outbox_event"("published_at", "seq");

-- AddForeignKey
ALTER TABLE "org_unit" ADD CONSTRAINT "org_unit_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "org_unit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "member_case" ADD CONSTRAINT "member_case_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "member_case" ADD CONSTRAINT "member_case_branch_id_fkey" FOREIGN KEY ("branch_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dossier_record" ADD CONSTRAINT "dossier_record_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "member_case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Not expressible in schema.prisma (listed in test/integration/schema-drift.int-spec.ts):

-- A person has at most one open member-development case.
CREATE UNIQUE INDEX "member_case_one_open_per_person_key" ON "member_case"("person_id") WHERE "status" = 'OPEN';

-- 全程纪实 is append-only: corrections are new records, never edits.
CREATE FUNCTION "dossier_record_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'dossier_record is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER "dossier_record_append_only" BEFORE UPDATE OR DELETE ON "dossier_record"
  FOR EACH ROW EXECUTE FUNCTION "dossier_record_append_only"();

-- Wakes the relay (LISTEN outbox_event) when events are committed; the relay also polls, since NOTIFY is not durable.
CREATE FUNCTION "outbox_event_notify"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('outbox_event', '');
  RETURN NULL;
END;
$$;
CREATE TRIGGER "outbox_event_notify" AFTER INSERT ON "outbox_event"
  FOR EACH STATEMENT EXECUTE FUNCTION "outbox_event_notify"();
