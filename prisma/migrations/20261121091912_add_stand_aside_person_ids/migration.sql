-- AlterTable
ALTER TABLE "member_case" ADD COLUMN     "stand_aside_person_ids" UUID[] DEFAULT ARRAY[]::UUID[];

