-- The rows a push writes per op carry the branch and device of the device row the push holds
-- locked (see ingestedOps in db/schema.ts); their foreign keys cost a lookup and a row lock per row.
ALTER TABLE "documents" DROP CONSTRAINT "documents_branch_id_branches_id_fk";
--> statement-breakpoint
ALTER TABLE "ingested_ops" DROP CONSTRAINT "ingested_ops_device_id_devices_id_fk";
--> statement-breakpoint
ALTER TABLE "movements" DROP CONSTRAINT "movements_branch_id_branches_id_fk";
