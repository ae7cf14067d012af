CREATE TABLE "transfer_records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"branch_id" uuid NOT NULL,
	"origin_device_id" uuid NOT NULL,
	"doc_no" text NOT NULL,
	"from_warehouse_id" uuid NOT NULL,
	"to_branch_id" uuid NOT NULL,
	"status" text NOT NULL,
	"business_date" text NOT NULL,
	"total_qty" bigint NOT NULL,
	"total_value_fen" bigint NOT NULL,
	"hlc" text NOT NULL,
	"received_at" bigint NOT NULL,
	"receipt_id" uuid,
	"receipt_warehouse_id" uuid,
	"receipt_date" text,
	"receipt_qty" bigint,
	"written_off_fen" bigint
);
--> statement-breakpoint
ALTER TABLE "transfer_records" ADD CONSTRAINT "transfer_records_branch_id_branches_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."branches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "transfer_records" ADD CONSTRAINT "transfer_records_to_branch_id_branches_id_fk" FOREIGN KEY ("to_branch_id") REFERENCES "public"."branches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "transfer_records_branch" ON "transfer_records" USING btree ("branch_id","status");--> statement-breakpoint
CREATE INDEX "transfer_records_to_branch" ON "transfer_records" USING btree ("to_branch_id","status");