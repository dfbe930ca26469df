-- CreateEnum
CREATE TYPE "membership_status" AS ENUM ('PROBATIONARY', 'FULL_MEMBER');

-- CreateEnum
CREATE TYPE "discipline_kind" AS ENUM ('WARNING', 'SERIOUS_WARNING', 'REMOVAL_FROM_POST', 'PROBATION_WITHIN_PARTY');

-- CreateTable
CREATE TABLE "party_membership" (
    "person_id" UUID NOT NULL,
    "branch_id" UUID NOT NULL,
    "status" "membership_status" NOT NULL,
    "party_age_from" DATE,
    "discipline_kind" "discipline_kind",
    "discipline_impact_ends" DATE,
    "rights_restored" BOOLEAN NOT NULL DEFAULT true,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "party_membership_pkey" PRIMARY KEY ("person_id")
);

-- CreateIndex
CREATE INDEX "party_membership_branch_id_idx" ON "party_membership"("branch_id");

-- AddForeignKey
ALTER TABLE "party_membership" ADD CONSTRAINT "party_membership_person_id_fkey" FOREIGN KEY ("person_id") REFERENCES "person"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "party_membership" ADD CONSTRAINT "party_membership_branch_id_fkey" FOREIGN KEY ("branch_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

