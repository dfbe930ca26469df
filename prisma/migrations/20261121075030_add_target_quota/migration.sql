-- CreateTable
CREATE TABLE "target_quota" (
    "org_unit_id" UUID NOT NULL,
    "year" SMALLINT NOT NULL,
    "metric" VARCHAR(64) NOT NULL,
    "quota" INTEGER NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "target_quota_pkey" PRIMARY KEY ("org_unit_id","year","metric")
);

-- AddForeignKey
ALTER TABLE "target_quota" ADD CONSTRAINT "target_quota_org_unit_id_fkey" FOREIGN KEY ("org_unit_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

