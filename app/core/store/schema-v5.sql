-- Linkbench schema version 5: retail prices are told apart by product as well. The same
-- SKU and meter names ("vCore") appear in the compute products of both tiers and all
-- hardware generations; keyed without the product, one would overwrite the other.

DELETE FROM price_cache WHERE product_name IS NULL;
DROP INDEX price_cache_meter;
CREATE UNIQUE INDEX price_cache_meter ON price_cache (region, currency, product_name, sku, meter_name);
