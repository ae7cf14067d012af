CREATE TABLE "count_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"count_id" uuid NOT NULL,
	"branch_id" uuid NOT NULL,
	"device_id" uuid NOT NULL,
	"received_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "counts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"branch_id" uuid NOT NULL,
	"origin_device_id" uuid NOT NULL,
	"doc_no" text NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"status" text NOT NULL,
	"status_hlc" text NOT NULL,
	"adjustment_document_id" uuid,
	"received_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "counts" ADD CONSTRAINT "counts_branch_id_branches_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."branches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "count_entries_count" ON "count_entries" USING btree ("count_id");--> statement-breakpoint
CREATE INDEX "counts_branch" ON "counts" USING btree ("branch_id");