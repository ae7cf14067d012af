CREATE TABLE "sales_records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"branch_id" uuid NOT NULL,
	"origin_device_id" uuid NOT NULL,
	"doc_no" text NOT NULL,
	"customer_id" uuid NOT NULL,
	"status" text,
	"amount_fen" bigint NOT NULL,
	"hlc" text NOT NULL,
	"received_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sales_records" ADD CONSTRAINT "sales_records_branch_id_branches_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."branches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sales_records_branch" ON "sales_records" USING btree ("branch_id","kind");--> statement-breakpoint
CREATE INDEX "sales_records_customer" ON "sales_records" USING btree ("customer_id");