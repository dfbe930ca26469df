-- National ID numbers leave the clear (issue 11): ciphertext, keyed hash and mask beside the old column.
-- Existing rows cannot be encrypted here (SQL does not hold the keys): the migrator's data step
-- (libs/persistence/src/migrations/person-national-id.step.ts) encrypts them with PERSON_ID_ENCRYPTION_KEYS and
-- PERSON_ID_HMAC_KEY before the next migration drops the clear column; that migration refuses to run while
-- any row still holds a number in clear.
ALTER TABLE "person" ADD COLUMN "national_id_encrypted" TEXT,
ADD COLUMN "national_id_hmac" CHAR(64),
ADD COLUMN "national_id_mask" VARCHAR(18),
ALTER COLUMN "national_id" DROP NOT NULL;
