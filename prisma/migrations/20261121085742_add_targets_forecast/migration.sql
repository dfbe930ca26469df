-- CreateTable
CREATE TABLE "target_pipeline_case" (
    "case_id" UUID NOT NULL,
    "branch_id" UUID NOT NULL,
    "org_path" VARCHAR(1024) NOT NULL,
    "rule_set" VARCHAR(16) NOT NULL,
    "stage" "member_stage" NOT NULL,
    "step" SMALLINT NOT NULL,
    "open" BOOLEAN NOT NULL,
    "activist_since" DATE,
    "probation_end" DATE,
    "gender" "gender" NOT NULL,
    "birth_date" DATE NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "target_pipeline_case_pkey" PRIMARY KEY ("case_id")
);

-- CreateTable
CREATE TABLE "target_alert" (
    "id" UUID NOT NULL,
    "org_unit_id" UUID NOT NULL,
    "year" SMALLINT NOT NULL,
    "metric" VARCHAR(64) NOT NULL,
    "level" VARCHAR(16) NOT NULL,
    "raised_on" DATE NOT NULL,
    "cleared_on" DATE,
    "forecast" JSONB NOT NULL,

    CONSTRAINT "target_alert_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "target_pipeline_case_org_path_open_idx" ON "target_pipeline_case"("org_path" text_pattern_ops, "open");

-- CreateIndex
CREATE INDEX "target_alert_org_unit_id_year_cleared_on_idx" ON "target_alert"("org_unit_id", "year", "cleared_on");

-- AddForeignKey
ALTER TABLE "target_alert" ADD CONSTRAINT "target_alert_org_unit_id_fkey" FOREIGN KEY ("org_unit_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

