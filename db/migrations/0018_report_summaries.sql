CREATE TABLE `stock_movement_months` (
	`product_id` text NOT NULL,
	`warehouse_id` text NOT NULL,
	`month` text NOT NULL,
	`qty` integer NOT NULL,
	`value_fen` integer NOT NULL,
	`sold_qty` integer NOT NULL,
	`sold_value_fen` integer NOT NULL,
	`last_sale_date` text,
	PRIMARY KEY(`product_id`, `warehouse_id`, `month`)
);
--> statement-breakpoint
CREATE INDEX `lots_received` ON `lots` (`first_received_at`);--> statement-breakpoint
CREATE INDEX `lots_expiry_id` ON `lots` (`expiry_date`,`id`);--> statement-breakpoint
CREATE INDEX `stock_balances_held` ON `stock_balances` (`lot_id`,`qty`) WHERE qty > 0;--> statement-breakpoint
CREATE INDEX `stock_movements_ledger` ON `stock_movements` (`product_id`,`warehouse_id`,`business_date`,`created_at`);--> statement-breakpoint
-- hand-written: the month summaries follow every movement inserted (movements are never updated
-- or deleted: 0001_append_only), and start from the movements already in the ledger.
CREATE TRIGGER stock_movements_month_sum AFTER INSERT ON stock_movements
BEGIN
  INSERT INTO stock_movement_months (product_id, warehouse_id, month, qty, value_fen, sold_qty, sold_value_fen, last_sale_date)
  VALUES (NEW.product_id, NEW.warehouse_id, substr(NEW.business_date, 1, 7), NEW.qty, NEW.value_fen,
          CASE WHEN NEW.document_type = 'delivery' THEN -NEW.qty ELSE 0 END,
          CASE WHEN NEW.document_type = 'delivery' THEN -NEW.value_fen ELSE 0 END,
          CASE WHEN NEW.document_type = 'delivery' THEN NEW.business_date END)
  ON CONFLICT (product_id, warehouse_id, month) DO UPDATE SET
    qty = qty + excluded.qty,
    value_fen = value_fen + excluded.value_fen,
    sold_qty = sold_qty + excluded.sold_qty,
    sold_value_fen = sold_value_fen + excluded.sold_value_fen,
    last_sale_date = CASE WHEN excluded.last_sale_date IS NULL THEN last_sale_date WHEN last_sale_date IS NULL OR excluded.last_sale_date > last_sale_date THEN excluded.last_sale_date ELSE last_sale_date END;
END;
--> statement-breakpoint
INSERT INTO stock_movement_months (product_id, warehouse_id, month, qty, value_fen, sold_qty, sold_value_fen, last_sale_date)
SELECT product_id, warehouse_id, substr(business_date, 1, 7), SUM(qty), SUM(value_fen),
       SUM(CASE WHEN document_type = 'delivery' THEN -qty ELSE 0 END),
       SUM(CASE WHEN document_type = 'delivery' THEN -value_fen ELSE 0 END),
       MAX(CASE WHEN document_type = 'delivery' THEN business_date END)
  FROM stock_movements GROUP BY product_id, warehouse_id, substr(business_date, 1, 7);
