-- CreateTable
CREATE TABLE "target_village_cadre" (
    "case_id" UUID NOT NULL,
    "village_id" UUID NOT NULL,
    "org_path" VARCHAR(1024) NOT NULL,
    "post" VARCHAR(32) NOT NULL,
    "education" VARCHAR(32),
    "serving" BOOLEAN NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "target_village_cadre_pkey" PRIMARY KEY ("case_id")
);

-- CreateTable
CREATE TABLE "village_cadre_roster" (
    "id" UUID NOT NULL,
    "village_id" UUID NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "post" VARCHAR(32) NOT NULL,
    "education" VARCHAR(32) NOT NULL,
    "since" DATE,
    "updated_by" VARCHAR(100),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "village_cadre_roster_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "target_village_cadre_org_path_serving_idx" ON "target_village_cadre"("org_path" text_pattern_ops, "serving");

-- CreateIndex
CREATE INDEX "village_cadre_roster_village_id_idx" ON "village_cadre_roster"("village_id");

-- AddForeignKey
ALTER TABLE "village_cadre_roster" ADD CONSTRAINT "village_cadre_roster_village_id_fkey" FOREIGN KEY ("village_id") REFERENCES "org_unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

