-- AlterTable
ALTER TABLE "person" ADD COLUMN     "education" VARCHAR(32),
ADD COLUMN     "ethnic_minority" BOOLEAN,
ADD COLUMN     "front_line" BOOLEAN,
ADD COLUMN     "new_sector" BOOLEAN,
ADD COLUMN     "occupation" VARCHAR(32);

