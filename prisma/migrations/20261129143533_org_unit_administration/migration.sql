-- CreateEnum
CREATE TYPE "org_unit_change_kind" AS ENUM ('CREATED', 'RENAMED', 'APPROVAL_AUTHORITY_CHANGED', 'MOVED', 'CLOSED', 'IMPORTED');

-- AlterTable
ALTER TABLE "org_unit" ADD COLUMN     "closed_on" DATE;

-- CreateTable
CREATE TABLE "org_unit_change" (
    "id" UUID NOT NULL,
    "org_unit_id" UUID NOT NULL,
    "kind" "org_unit_change_kind" NOT NULL,
    "actor_subject" VARCHAR(200) NOT NULL,
    "actor_name" VARCHAR(100) NOT NULL,
    "before" JSONB,
    "after" JSONB NOT NULL,
    "source" VARCHAR(100),
    "recorded_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "org_unit_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "org_data_export" (
    "id" UUID NOT NULL,
    "org_unit_id" UUID NOT NULL,
    "content" VARCHAR(16) NOT NULL,
    "media_type" VARCHAR(100) NOT NULL,
    "row_count" INTEGER NOT NULL,
    "actor_subject" VARCHAR(200) NOT NULL,
    "actor_name" VARCHAR(100) NOT NULL,
    "exported_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "org_data_export_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "org_unit_change_org_unit_id_recorded_at_idx" ON "org_unit_change"("org_unit_id", "recorded_at");

-- CreateIndex
CREATE INDEX "org_data_export_org_unit_id_exported_at_idx" ON "org_data_export"("org_unit_id", "exported_at");

-- AddForeignKey
ALTER TABLE "org_unit_change" ADD CONSTRAINT "org_unit_change_org_unit_id_fkey" FOREIGN KEY ("org_unit_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "org_data_export" ADD CONSTRAINT "org_data_export_org_unit_id_fkey" FOREIGN KEY ("org_unit_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

