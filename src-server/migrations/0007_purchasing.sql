CREATE TABLE "purchase_records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"branch_id" uuid NOT NULL,
	"origin_device_id" uuid NOT NULL,
	"doc_no" text NOT NULL,
	"supplier_id" uuid NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"status" text NOT NULL,
	"order_date" text NOT NULL,
	"expected_date" text NOT NULL,
	"total_qty" bigint NOT NULL,
	"total_value_fen" bigint NOT NULL,
	"hlc" text NOT NULL,
	"received_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "purchase_records" ADD CONSTRAINT "purchase_records_branch_id_branches_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."branches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "purchase_records_branch" ON "purchase_records" USING btree ("branch_id","order_date");--> statement-breakpoint
CREATE INDEX "purchase_records_supplier" ON "purchase_records" USING btree ("supplier_id");