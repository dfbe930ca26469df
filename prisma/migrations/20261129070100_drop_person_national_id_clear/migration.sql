-- The clear national ID column goes once every row is encrypted (see the previous migration). Applied by a tool
-- without that data step (plain `prisma migrate deploy`) on rows still in clear, it stops here instead of
-- losing the numbers: run `npm run db:migrate` with the keys set, then resolve this migration and deploy again.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM "person" WHERE "national_id" IS NOT NULL OR "national_id_hmac" IS NULL) THEN
    RAISE EXCEPTION 'person rows still hold national ID numbers in clear: run npm run db:migrate with PERSON_ID_ENCRYPTION_KEYS and PERSON_ID_HMAC_KEY set, whose data step encrypts them first';
  END IF;
END $$;

-- DropIndex
DROP INDEX "person_national_id_key";

-- AlterTable
ALTER TABLE "person" DROP COLUMN "national_id",
ALTER COLUMN "national_id_encrypted" SET NOT NULL,
ALTER COLUMN "national_id_hmac" SET NOT NULL,
ALTER COLUMN "national_id_mask" SET NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "person_national_id_hmac_key" ON "person"("national_id_hmac");
