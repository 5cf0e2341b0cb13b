"""积分超市: products, stock, redemptions at the till, the day's close and donations."""
