-- approval_task now holds the tasks of all three pipelines (no foreign key to one kind's table since the previous
-- migration): every row names its kind, by which the backlog finds the case. Cadre and reserve tasks of running
-- cases are put in by the migrator's data step just before this (backfillPipelineTasks), from their records.
ALTER TABLE "approval_task" ADD CONSTRAINT "approval_task_workflow_kind_check"
  CHECK ("workflow_kind" IN ('MEMBER_DEVELOPMENT', 'CADRE_RECRUITMENT', 'RESERVE_POOL'));
