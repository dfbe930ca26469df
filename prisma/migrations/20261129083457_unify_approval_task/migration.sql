-- DropForeignKey
ALTER TABLE "approval_task" DROP CONSTRAINT "approval_task_case_id_fkey";

-- DropIndex
DROP INDEX "approval_task_case_id_status_idx";

-- AlterTable
ALTER TABLE "approval_task" ADD COLUMN     "ref" VARCHAR(100) NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "approval_task_workflow_kind_case_id_status_idx" ON "approval_task"("workflow_kind", "case_id", "status");

