-- A push reads balances by their whole key (the primary key); this index served an older lookup by
-- product, and the planner kept taking it for key lookups when its statistics lagged.
DROP INDEX "balances_branch_product";
