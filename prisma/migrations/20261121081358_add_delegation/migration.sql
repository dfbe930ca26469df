-- CreateTable
CREATE TABLE "delegation" (
    "id" UUID NOT NULL,
    "delegator_subject" VARCHAR(200) NOT NULL,
    "delegator_name" VARCHAR(100) NOT NULL,
    "delegate_subject" VARCHAR(200) NOT NULL,
    "org_unit_id" UUID NOT NULL,
    "roles" VARCHAR(32)[],
    "valid_from" TIMESTAMPTZ(3) NOT NULL,
    "valid_until" TIMESTAMPTZ(3) NOT NULL,
    "reason" VARCHAR(500) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "delegation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "delegation_delegate_subject_valid_until_idx" ON "delegation"("delegate_subject", "valid_until");

-- CreateIndex
CREATE INDEX "delegation_delegator_subject_valid_until_idx" ON "delegation"("delegator_subject", "valid_until");

-- AddForeignKey
ALTER TABLE "delegation" ADD CONSTRAINT "delegation_org_unit_id_fkey" FOREIGN KEY ("org_unit_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

