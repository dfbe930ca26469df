-- CreateTable
CREATE TABLE "reserve_entry" (
    "id" UUID NOT NULL,
    "person_id" UUID NOT NULL,
    "workflow_id" VARCHAR(200) NOT NULL,
    "village_id" UUID NOT NULL,
    "township_id" UUID NOT NULL,
    "category" VARCHAR(32) NOT NULL,
    "status" VARCHAR(32) NOT NULL,
    "entry_step" VARCHAR(32) NOT NULL,
    "education" VARCHAR(32),
    "political_status" VARCHAR(32),
    "recommended_on" DATE NOT NULL,
    "entered_on" DATE,
    "left_on" DATE,
    "left_code" VARCHAR(32),
    "inspection_post" VARCHAR(100),
    "cadre_case_id" UUID,
    "member_case_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reserve_entry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reserve_record" (
    "id" UUID NOT NULL,
    "entry_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "action" VARCHAR(64) NOT NULL,
    "occurred_on" DATE NOT NULL,
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" VARCHAR(100),
    "acting_body_id" UUID,
    "data" JSONB NOT NULL,
    "prev_hash" CHAR(64),
    "hash" CHAR(64) NOT NULL,

    CONSTRAINT "reserve_record_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reserve_review" (
    "id" UUID NOT NULL,
    "township_id" UUID NOT NULL,
    "period" VARCHAR(8) NOT NULL,
    "workflow_id" VARCHAR(200) NOT NULL,
    "opened_on" DATE NOT NULL,
    "due_on" DATE NOT NULL,
    "status" "case_status" NOT NULL DEFAULT 'OPEN',
    "closed_on" DATE,
    "shortfalls" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reserve_review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reserve_review_task" (
    "review_id" UUID NOT NULL,
    "entry_id" UUID NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "outcome" VARCHAR(32),
    "decided_on" DATE,

    CONSTRAINT "reserve_review_task_pkey" PRIMARY KEY ("review_id","entry_id")
);

-- CreateTable
CREATE TABLE "reserve_policy" (
    "org_unit_id" UUID NOT NULL,
    "policy" JSONB NOT NULL,
    "updated_by" VARCHAR(100),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reserve_policy_pkey" PRIMARY KEY ("org_unit_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "reserve_entry_workflow_id_key" ON "reserve_entry"("workflow_id");

-- CreateIndex
CREATE INDEX "reserve_entry_person_id_idx" ON "reserve_entry"("person_id");

-- CreateIndex
CREATE INDEX "reserve_entry_township_id_status_idx" ON "reserve_entry"("township_id", "status");

-- CreateIndex
CREATE INDEX "reserve_entry_village_id_status_idx" ON "reserve_entry"("village_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "reserve_record_hash_key" ON "reserve_record"("hash");

-- CreateIndex
CREATE UNIQUE INDEX "reserve_record_entry_id_seq_key" ON "reserve_record"("entry_id", "seq");

-- CreateIndex
CREATE UNIQUE INDEX "reserve_review_township_id_period_key" ON "reserve_review"("township_id", "period");

-- CreateIndex
CREATE INDEX "reserve_review_task_entry_id_status_idx" ON "reserve_review_task"("entry_id", "status");

-- AddForeignKey
ALTER TABLE "reserve_entry" ADD CONSTRAINT "reserve_entry_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reserve_entry" ADD CONSTRAINT "reserve_entry_village_id_fkey" FOREIGN KEY ("village_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reserve_record" ADD CONSTRAINT "reserve_record_entry_id_fkey" FOREIGN KEY ("entry_id") REFERENCES "reserve_entry"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reserve_review" ADD CONSTRAINT "reserve_review_township_id_fkey" FOREIGN KEY ("township_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reserve_review_task" ADD CONSTRAINT "reserve_review_task_review_id_fkey" FOREIGN KEY ("review_id") REFERENCES "reserve_review"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reserve_review_task" ADD CONSTRAINT "reserve_review_task_entry_id_fkey" FOREIGN KEY ("entry_id") REFERENCES "reserve_entry"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reserve_policy" ADD CONSTRAINT "reserve_policy_org_unit_id_fkey" FOREIGN KEY ("org_unit_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- A person is in at most one reserve entry that is still entering or in the pool.
CREATE UNIQUE INDEX "reserve_entry_one_open_per_person_key" ON "reserve_entry"("person_id")
  WHERE "status" IN ('ENTERING', 'ACTIVE', 'LISTED_FOR_INSPECTION');

-- The reservist's 一人一档 is append-only like the cadre record.
CREATE TRIGGER "reserve_record_append_only" BEFORE UPDATE OR DELETE ON "reserve_record"
  FOR EACH ROW EXECUTE FUNCTION "append_only"();
