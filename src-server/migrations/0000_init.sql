CREATE TABLE "balances" (
	"branch_id" uuid NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"lot_id" uuid NOT NULL,
	"qty" bigint NOT NULL,
	"value_fen" bigint NOT NULL,
	CONSTRAINT "balances_branch_id_warehouse_id_product_id_lot_id_pk" PRIMARY KEY("branch_id","warehouse_id","product_id","lot_id")
);
--> statement-breakpoint
CREATE TABLE "branches" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"time_zone" text NOT NULL,
	"created_at" bigint NOT NULL,
	"terminals_issued" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "branches_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "changes" (
	"cursor" bigserial PRIMARY KEY NOT NULL,
	"branch_id" uuid,
	"bucket" text NOT NULL,
	"kind" text NOT NULL,
	"item_id" text NOT NULL,
	"origin_device_id" uuid,
	"target_device_id" uuid,
	"payload" jsonb NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "devices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"branch_id" uuid NOT NULL,
	"name" text NOT NULL,
	"terminal_code" text NOT NULL,
	"token_hash" text NOT NULL,
	"enrolled_at" bigint NOT NULL,
	"revoked_at" bigint,
	"last_seq" bigint DEFAULT 0 NOT NULL,
	"last_push_at" bigint,
	"last_pull_at" bigint,
	CONSTRAINT "devices_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"branch_id" uuid NOT NULL,
	"origin_device_id" uuid NOT NULL,
	"doc_type" text NOT NULL,
	"doc_no" text NOT NULL,
	"business_date" text NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"payload" jsonb NOT NULL,
	"received_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "enrolment_codes" (
	"code_hash" text PRIMARY KEY NOT NULL,
	"branch_id" uuid NOT NULL,
	"created_at" bigint NOT NULL,
	"expires_at" bigint NOT NULL,
	"used_at" bigint,
	"used_by_device_id" uuid
);
--> statement-breakpoint
CREATE TABLE "ingested_ops" (
	"device_id" uuid NOT NULL,
	"seq" bigint NOT NULL,
	"op_id" uuid NOT NULL,
	"name" text NOT NULL,
	"version" integer NOT NULL,
	"status" text NOT NULL,
	"code" text,
	"message" text,
	"received_at" bigint NOT NULL,
	CONSTRAINT "ingested_ops_device_id_seq_pk" PRIMARY KEY("device_id","seq"),
	CONSTRAINT "ingested_ops_op_id_unique" UNIQUE("op_id")
);
--> statement-breakpoint
CREATE TABLE "lots" (
	"id" uuid PRIMARY KEY NOT NULL,
	"product_id" uuid NOT NULL,
	"lot_code" text NOT NULL,
	"expiry_date" text,
	"production_date" text
);
--> statement-breakpoint
CREATE TABLE "master_rows" (
	"entity" text NOT NULL,
	"id" uuid NOT NULL,
	"fields" jsonb NOT NULL,
	"updated_at" bigint NOT NULL,
	CONSTRAINT "master_rows_entity_id_pk" PRIMARY KEY("entity","id")
);
--> statement-breakpoint
CREATE TABLE "movements" (
	"id" uuid PRIMARY KEY NOT NULL,
	"branch_id" uuid NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"lot_id" uuid NOT NULL,
	"qty" bigint NOT NULL,
	"value_fen" bigint NOT NULL,
	"document_id" uuid NOT NULL,
	"business_date" text NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "server_meta" (
	"id" integer PRIMARY KEY NOT NULL,
	"epoch" text NOT NULL,
	"generation" integer DEFAULT 0 NOT NULL,
	"restored_from" text,
	"created_at" bigint NOT NULL,
	"epoch_changed_at" bigint NOT NULL,
	CONSTRAINT "server_meta_single_row" CHECK ("server_meta"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "stock_exceptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"branch_id" uuid NOT NULL,
	"warehouse_id" uuid NOT NULL,
	"product_id" uuid NOT NULL,
	"lot_id" uuid NOT NULL,
	"qty" bigint NOT NULL,
	"status" text NOT NULL,
	"opened_at" bigint NOT NULL,
	"resolved_at" bigint
);
--> statement-breakpoint
CREATE TABLE "warehouses" (
	"id" uuid PRIMARY KEY NOT NULL,
	"branch_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"origin_device_id" uuid,
	"hlc" text NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "devices" ADD CONSTRAINT "devices_branch_id_branches_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."branches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "documents" ADD CONSTRAINT "documents_branch_id_branches_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."branches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolment_codes" ADD CONSTRAINT "enrolment_codes_branch_id_branches_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."branches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ingested_ops" ADD CONSTRAINT "ingested_ops_device_id_devices_id_fk" FOREIGN KEY ("device_id") REFERENCES "public"."devices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "movements" ADD CONSTRAINT "movements_branch_id_branches_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."branches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stock_exceptions" ADD CONSTRAINT "stock_exceptions_branch_id_branches_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."branches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "warehouses" ADD CONSTRAINT "warehouses_branch_id_branches_id_fk" FOREIGN KEY ("branch_id") REFERENCES "public"."branches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "changes_branch_cursor" ON "changes" USING btree ("branch_id","cursor");--> statement-breakpoint
CREATE INDEX "changes_bucket_cursor" ON "changes" USING btree ("bucket","cursor");--> statement-breakpoint
CREATE INDEX "devices_branch" ON "devices" USING btree ("branch_id");--> statement-breakpoint
CREATE UNIQUE INDEX "devices_branch_terminal" ON "devices" USING btree ("branch_id","terminal_code");--> statement-breakpoint
CREATE INDEX "documents_branch" ON "documents" USING btree ("branch_id");--> statement-breakpoint
CREATE INDEX "enrolment_codes_branch" ON "enrolment_codes" USING btree ("branch_id");--> statement-breakpoint
CREATE INDEX "movements_branch" ON "movements" USING btree ("branch_id");--> statement-breakpoint
CREATE INDEX "movements_document" ON "movements" USING btree ("document_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stock_exceptions_one_open" ON "stock_exceptions" USING btree ("branch_id","warehouse_id","product_id","lot_id") WHERE "stock_exceptions"."status" = 'open';--> statement-breakpoint
CREATE INDEX "stock_exceptions_branch_status" ON "stock_exceptions" USING btree ("branch_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "warehouses_branch_code" ON "warehouses" USING btree ("branch_id","code");