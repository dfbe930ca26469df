-- CreateTable
CREATE TABLE "cadre_case" (
    "id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "workflow_id" VARCHAR(200) NOT NULL,
    "programme_id" VARCHAR(32) NOT NULL,
    "post" VARCHAR(32) NOT NULL,
    "village_id" UUID NOT NULL,
    "channel" VARCHAR(32) NOT NULL,
    "stage" VARCHAR(32) NOT NULL,
    "status" "case_status" NOT NULL DEFAULT 'OPEN',
    "outcome" VARCHAR(32),
    "nominated_on" DATE NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cadre_case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cadre_record" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "action" VARCHAR(64) NOT NULL,
    "occurred_on" DATE NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" VARCHAR(100),
    "acting_body_id" UUID,
    "data" JSONB NOT NULL,
    "prev_hash" CHAR(64),
    "hash" CHAR(64) NOT NULL,

    CONSTRAINT "cadre_record_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "cadre_case_workflow_id_key" ON "cadre_case"("workflow_id");

-- CreateIndex
CREATE INDEX "cadre_case_person_id_idx" ON "cadre_case"("person_id");

-- CreateIndex
CREATE INDEX "cadre_case_village_id_status_idx" ON "cadre_case"("village_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "cadre_record_hash_key" ON "cadre_record"("hash");

-- CreateIndex
CREATE UNIQUE INDEX "cadre_record_case_id_seq_key" ON "cadre_record"("case_id", "seq");

-- AddForeignKey
ALTER TABLE "cadre_case" ADD CONSTRAINT "cadre_case_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cadre_case" ADD CONSTRAINT "cadre_case_village_id_fkey" FOREIGN KEY ("village_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cadre_record" ADD CONSTRAINT "cadre_record_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "cadre_case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Not expressible in schema.prisma (listed in test/integration/schema-drift.int-spec.ts):

-- A person applies to at most one open case per programme.
CREATE UNIQUE INDEX "cadre_case_one_open_per_programme_key" ON "cadre_case"("person_id", "programme_id") WHERE "status" = 'OPEN';

-- 一人一档 is append-only like the 全程纪实: corrections are new records, never edits.
CREATE FUNCTION "append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER "cadre_record_append_only" BEFORE UPDATE OR DELETE ON "cadre_record"
  FOR EACH ROW EXECUTE FUNCTION "append_only"();
