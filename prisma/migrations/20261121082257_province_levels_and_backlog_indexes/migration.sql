-- AlterEnum: the levels above the county, in tree order (as a fresh schema would list them).
ALTER TYPE "org_unit_kind" ADD VALUE 'PROVINCE_COMMITTEE' BEFORE 'COUNTY_COMMITTEE';
ALTER TYPE "org_unit_kind" ADD VALUE 'CITY_COMMITTEE' BEFORE 'COUNTY_COMMITTEE';

-- CreateIndex
CREATE INDEX "approval_task_status_due_on_id_idx" ON "approval_task"("status", "due_on", "id");

-- CreateIndex
CREATE INDEX "approval_task_status_created_at_id_idx" ON "approval_task"("status", "created_at", "id");
