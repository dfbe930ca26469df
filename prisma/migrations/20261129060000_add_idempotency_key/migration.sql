-- CreateTable
CREATE TABLE "idempotency_key" (
    "caller_subject" VARCHAR(200) NOT NULL,
    "acting_for" VARCHAR(64) NOT NULL,
    "endpoint" VARCHAR(120) NOT NULL,
    "key" VARCHAR(200) NOT NULL,
    "fingerprint" CHAR(64) NOT NULL,
    "resource_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "idempotency_key_pkey" PRIMARY KEY ("caller_subject","acting_for","endpoint","key")
);

-- CreateIndex
CREATE INDEX "idempotency_key_created_at_idx" ON "idempotency_key"("created_at");
