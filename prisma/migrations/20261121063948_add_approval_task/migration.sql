-- CreateEnum
CREATE TYPE "task_status" AS ENUM ('OPEN', 'DONE');

-- CreateTable
CREATE TABLE "approval_task" (
    "id" UUID NOT NULL,
    "case_id" UUID NOT NULL,
    "workflow_kind" VARCHAR(32) NOT NULL,
    "action" VARCHAR(64) NOT NULL,
    "step" SMALLINT NOT NULL,
    "org_unit_id" UUID NOT NULL,
    "org_path" VARCHAR(1024) NOT NULL,
    "due_on" DATE,
    "cap_on" DATE,
    "status" "task_status" NOT NULL DEFAULT 'OPEN',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completed_at" TIMESTAMPTZ(3),

    CONSTRAINT "approval_task_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "approval_task_case_id_status_idx" ON "approval_task"("case_id", "status");

-- CreateIndex
CREATE INDEX "approval_task_org_unit_id_status_due_on_idx" ON "approval_task"("org_unit_id", "status", "due_on");

-- CreateIndex
CREATE INDEX "approval_task_org_path_status_idx" ON "approval_task"("org_path" text_pattern_ops, "status");

-- AddForeignKey
ALTER TABLE "approval_task" ADD CONSTRAINT "approval_task_case_id_fkey" FOREIGN KEY ("case_id") REFERENCES "member_case"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "approval_task" ADD CONSTRAINT "approval_task_org_unit_id_fkey" FOREIGN KEY ("org_unit_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

