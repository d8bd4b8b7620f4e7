select customer, sum(amount) as total, count(*) as orders
from {{ ref('orders') }}
group by customer
