CREATE TABLE "supplier_return_records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"branch_id" uuid NOT NULL,
	"origin_device_id" uuid NOT NULL,
	"doc_no" text NOT NULL,
	"supplier_id" uuid NOT NULL,
	"status" text NOT NULL,
	"business_date" text NOT NULL,
	"claim_fen" bigint NOT NULL,
	"credited_fen" bigint NOT NULL,
	"hlc" text NOT NULL,
	"received_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "supplier_return_records" ADD CONSTRAINT "supplier_return_records_branch_id_branches_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."branches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "supplier_return_records_branch" ON "supplier_return_records" USING btree ("branch_id");--> statement-breakpoint
CREATE INDEX "supplier_return_records_supplier" ON "supplier_return_records" USING btree ("supplier_id");