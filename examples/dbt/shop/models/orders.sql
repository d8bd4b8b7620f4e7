select * from (values (1, 'ada', 30), (2, 'ada', 12), (3, 'lin', 25)) as t(order_id, customer, amount)
