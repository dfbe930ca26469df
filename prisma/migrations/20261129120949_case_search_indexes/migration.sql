-- Case lists and search (GET /v1/member-cases, /v1/cadre-cases, …/search): a substring name search and keyset
-- pages at province scale (npm run bench:search).
-- pg_trgm is contrib, shipped with Debian's postgresql-15 (a trusted extension: the database owner may create it).
-- It goes to pg_catalog, which is always on the search path, so its functions stay out of the public schema;
-- where it already exists (on the search path), IF NOT EXISTS leaves it. The indexes are built in this migration's
-- transaction: writes to person and member_case wait for them (about 20 s per million people).
-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm" WITH SCHEMA "pg_catalog";

-- CreateIndex
CREATE INDEX "person_name_trgm_idx" ON "person" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "member_case_updated_at_id_idx" ON "member_case"("updated_at", "id");

-- CreateIndex
CREATE INDEX "member_case_application_date_id_idx" ON "member_case"("application_date", "id");

