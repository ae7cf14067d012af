CREATE TABLE "bucket_checksums" (
	"branch_id" uuid NOT NULL,
	"bucket" text NOT NULL,
	"count" bigint NOT NULL,
	"hash" bigint NOT NULL,
	CONSTRAINT "bucket_checksums_branch_id_bucket_pk" PRIMARY KEY("branch_id","bucket")
);
--> statement-breakpoint
ALTER TABLE "changes" ALTER COLUMN "payload" SET DATA TYPE json USING "payload"::json;--> statement-breakpoint
CREATE INDEX "balances_branch_product" ON "balances" USING btree ("branch_id","product_id");--> statement-breakpoint
ALTER TABLE "documents" DROP COLUMN "payload";--> statement-breakpoint
-- The checksums of what a database made before this migration already holds, computed once as
-- src-main/sync/protocol/checksum.ts does: FNV-1a over the id's characters (ids are ASCII), summed mod 2^32.
CREATE FUNCTION "pg_temp"."ledger_fnv1a32"(t text) RETURNS bigint LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
	h bigint := 2166136261;
	b bytea := convert_to(t, 'UTF8');
	i int;
BEGIN
	FOR i IN 0 .. length(b) - 1 LOOP
		h := ((h # get_byte(b, i)) * 16777619) % 4294967296;
	END LOOP;
	RETURN h;
END;
$$;--> statement-breakpoint
INSERT INTO "bucket_checksums" ("branch_id", "bucket", "count", "hash")
	SELECT "branch_id", 'documents', count(*), sum("pg_temp"."ledger_fnv1a32"("id"::text)) % 4294967296 FROM "documents" GROUP BY "branch_id"
	UNION ALL SELECT "branch_id", 'movements', count(*), sum("pg_temp"."ledger_fnv1a32"("id"::text)) % 4294967296 FROM "movements" GROUP BY "branch_id"
	UNION ALL SELECT "branch_id", 'exceptions', count(*), sum("pg_temp"."ledger_fnv1a32"("id"::text)) % 4294967296 FROM "stock_exceptions" GROUP BY "branch_id"
	UNION ALL SELECT "branch_id", 'warehouses', count(*), sum("pg_temp"."ledger_fnv1a32"("id"::text)) % 4294967296 FROM "warehouses" GROUP BY "branch_id";
