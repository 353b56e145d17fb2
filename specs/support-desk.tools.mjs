// Deterministic tools of the support-desk suite: Kettle & Leaf, a small online tea shop.
// "Today" is fixed so every answer can be checked: Monday 2025-06-02.

export const TODAY = '2025-06-02';

const ORDERS = {
  'KL-10231': { status: 'delivered', placed_on: '2025-05-14', shipped_on: '2025-05-16', delivered_on: '2025-05-20', country: 'GB', method: 'standard', carrier: 'Royal Mail', tracking: 'RM482913GB', items: [{ name: 'Sencha 100g', price: 12.5, opened: false }] },
  'KL-10232': { status: 'delivered', placed_on: '2025-04-03', shipped_on: '2025-04-07', delivered_on: '2025-04-10', country: 'GB', method: 'standard', carrier: 'Royal Mail', tracking: 'RM300877GB', items: [{ name: 'Assam 250g', price: 9.8, opened: false }] },
  'KL-10233': { status: 'shipped', placed_on: '2025-05-28', shipped_on: '2025-05-30', expected_delivery: '2025-06-03', country: 'GB', method: 'standard', carrier: 'Royal Mail', tracking: 'RM550217GB', items: [{ name: 'Darjeeling first flush 50g', price: 13.2, opened: false }] },
  'KL-10234': { status: 'processing', placed_on: '2025-06-01', country: 'GB', method: 'standard', items: [{ name: 'Jasmine pearls 50g', price: 14, opened: false }] },
  'KL-10235': { status: 'delivered', placed_on: '2025-05-20', shipped_on: '2025-05-22', delivered_on: '2025-05-28', country: 'GB', method: 'standard', carrier: 'Royal Mail', tracking: 'RM611402GB', items: [{ name: 'Earl Grey tin 100g', price: 8.9, opened: true }, { name: 'Rooibos 100g', price: 7.2, opened: false }] },
  'KL-10236': { status: 'delivered', placed_on: '2025-05-26', shipped_on: '2025-05-27', delivered_on: '2025-05-30', country: 'GB', method: 'standard', carrier: 'Royal Mail', tracking: 'RM640025GB', items: [{ name: 'Cast-iron teapot 0.8l', price: 39, opened: false }] },
  'KL-10237': { status: 'cancelled', placed_on: '2025-05-29', cancelled_on: '2025-05-29', refunded_on: '2025-05-30', country: 'GB', method: 'standard', items: [{ name: 'Hojicha 80g', price: 9.5, opened: false }] },
  'KL-10238': { status: 'shipped', placed_on: '2025-05-28', shipped_on: '2025-05-29', expected_delivery: '2025-06-03', country: 'FR', method: 'express', carrier: 'DPD', tracking: 'DP7781204FR', items: [{ name: 'Ceremonial matcha 30g', price: 18, opened: false }] },
  'KL-10239': { status: 'delivered', placed_on: '2025-05-09', shipped_on: '2025-05-12', delivered_on: '2025-05-15', country: 'GB', method: 'standard', carrier: 'Royal Mail', tracking: 'RM520391GB', items: [{ name: 'Oolong sampler', price: 22, opened: false }] },
  'KL-10240': { status: 'processing', placed_on: '2025-05-31', country: 'DE', method: 'express', items: [{ name: 'Gyokuro 50g', price: 16.5, opened: false }] },
  'KL-10241': { status: 'delivered', placed_on: '2025-05-28', shipped_on: '2025-05-29', delivered_on: '2025-06-01', country: 'GB', method: 'standard', carrier: 'Royal Mail', tracking: 'RM688120GB', items: [{ name: 'Masala chai blend 100g', price: 8.4, opened: false }] },
  'KL-10242': { status: 'delivered', placed_on: '2025-04-28', shipped_on: '2025-04-30', delivered_on: '2025-05-03', country: 'GB', method: 'standard', carrier: 'Royal Mail', tracking: 'RM407731GB', items: [{ name: 'Darjeeling second flush 100g', price: 11.4, opened: false }] },
  'KL-10243': { status: 'in transit', placed_on: '2025-05-09', shipped_on: '2025-05-12', expected_delivery: '2025-05-15', country: 'GB', method: 'standard', carrier: 'Royal Mail', tracking: 'RM301188GB', items: [{ name: 'Lapsang souchong 100g', price: 9.9, opened: false }] },
  'KL-10244': { status: 'delivered', placed_on: '2025-05-19', shipped_on: '2025-05-21', delivered_on: '2025-05-25', country: 'GB', method: 'standard', carrier: 'Royal Mail', tracking: 'RM590442GB', items: [{ name: 'Afternoon tea gift set', price: 29, opened: false }] },
  'KL-10245': { status: 'processing', placed_on: '2025-05-31', country: 'US', method: 'standard', items: [{ name: 'Pu-erh cake 100g', price: 24, opened: false }] },
  'KL-10246': { status: 'delivered', placed_on: '2025-05-27', shipped_on: '2025-05-28', delivered_on: '2025-05-31', country: 'GB', method: 'standard', carrier: 'Royal Mail', tracking: 'RM702215GB', items: [{ name: 'Glass infuser mug', price: 15, opened: false }] },
  'KL-10247': { status: 'delivered', placed_on: '2025-04-14', shipped_on: '2025-04-16', delivered_on: '2025-04-20', country: 'GB', method: 'standard', carrier: 'Royal Mail', tracking: 'RM391560GB', items: [{ name: 'Genmaicha 100g', price: 6.9, opened: false }] },
  'KL-10248': { status: 'shipped', placed_on: '2025-05-29', shipped_on: '2025-05-30', expected_delivery: '2025-06-05', country: 'IE', method: 'standard', carrier: 'An Post', tracking: 'AP88213456IE', items: [{ name: 'Irish breakfast 250g', price: 10.5, opened: false }] },
  'KL-10249': { status: 'processing', placed_on: '2025-06-02', country: 'GB', method: 'express', items: [{ name: 'Hojicha 80g', price: 9.5, opened: false }] },
  'KL-10250': { status: 'delivered', placed_on: '2025-05-16', shipped_on: '2025-05-19', delivered_on: '2025-05-22', country: 'GB', method: 'standard', carrier: 'Royal Mail', tracking: 'RM455190GB', items: [{ name: 'Breakfast blend 500g', price: 19, opened: true }] },
};

const POLICIES = {
  returns: 'Unopened items can be returned for a full refund within 30 days of delivery. Opened tea cannot be refunded, for food-safety reasons. Refunds go back to the original payment method within 5 business days.',
  shipping: 'UK standard delivery takes 2-4 business days (free over £30, otherwise £3.95); UK express arrives the next business day (£6.95). EU: standard 5-8 business days, express 2-3. Rest of the world: standard 8-15 business days; express is not offered outside the UK and EU. We do not upgrade orders to express for free.',
  'damaged-items': 'If an item arrives damaged, a colleague arranges a replacement or a refund: keep the packaging and send a photo. The assistant escalates every damaged item.',
  'wrong-item': 'If we sent the wrong tea, we post the right one by express free of charge and you may keep the wrong one: there is no need to send it back.',
  'late-delivery': 'If a parcel is more than 5 business days late, we reship the order by express free of charge.',
  'price-match': 'We do not price match other retailers.',
  'gift-wrap': 'Gift wrapping costs £2.50 per order and can be added until the order ships.',
  samples: 'Every order over £25 includes two free 10g samples chosen by our blenders; samples cannot be picked or ordered on their own.',
  'opening-hours': 'Customer support answers Monday to Friday, 9:00-17:00 UK time. Kettle & Leaf is an online shop only: there is no shop to visit.',
  payment: 'We accept Visa, Mastercard, American Express and PayPal. We do not accept cash on delivery.',
  subscriptions: 'The monthly tea club costs £14 a month. Pause or cancel it any time before the 25th to stop the next month’s box.',
  storage: 'Keep loose-leaf tea in an airtight tin, away from light, heat and strong smells; most teas keep their best flavour for 12 months.',
};

const EU = new Set(['FR', 'DE', 'IE', 'NL', 'ES', 'IT', 'BE', 'AT', 'PT', 'DK', 'SE', 'FI', 'PL']);
const WORLD = new Set(['US', 'CA', 'AU', 'NZ', 'JP', 'CH', 'NO', 'SG']);

function findOrder(orderId) {
  const order = typeof orderId === 'string' ? ORDERS[orderId] : undefined;
  if (!order) throw new Error(`no order "${orderId}": order ids look like KL-10234`);
  return order;
}

const day = (iso) => new Date(`${iso}T00:00:00Z`);
const iso = (date) => date.toISOString().slice(0, 10);

function addDays(isoDate, days) {
  const date = day(isoDate);
  date.setUTCDate(date.getUTCDate() + days);
  return iso(date);
}

function addBusinessDays(isoDate, days) {
  const date = day(isoDate);
  let left = days;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() + 1);
    if (date.getUTCDay() !== 0 && date.getUTCDay() !== 6) left -= 1;
  }
  return iso(date);
}

export function lookup_order({ order_id }) {
  return { order_id, ...findOrder(order_id) };
}

export function check_refund_eligibility({ order_id }) {
  const order = findOrder(order_id);
  if (order.status === 'cancelled') return { order_id, eligible: false, reason: `the order was cancelled and refunded on ${order.refunded_on}`, window_ends: null };
  if (order.status !== 'delivered') return { order_id, eligible: false, reason: 'not delivered yet: a refund is not due; a processing order can be cancelled instead', window_ends: null };
  const windowEnds = addDays(order.delivered_on, 30);
  if (TODAY > windowEnds) return { order_id, eligible: false, reason: `the 30-day refund window ended on ${windowEnds}`, window_ends: windowEnds };
  const refundable = order.items.filter((i) => !i.opened).map((i) => i.name);
  const notRefundable = order.items.filter((i) => i.opened).map((i) => ({ item: i.name, reason: 'opened tea cannot be refunded' }));
  return { order_id, eligible: refundable.length > 0, window_ends: windowEnds, refundable_items: refundable, not_refundable: notRefundable };
}

export function get_shipping_estimate({ country, method }) {
  const zone = country === 'GB' ? 'uk' : EU.has(country) ? 'eu' : WORLD.has(country) ? 'world' : undefined;
  if (!zone) throw new Error(`no delivery to "${country}": give a two-letter country code such as GB, FR or US`);
  const ranges = { uk: { standard: [2, 4], express: [1, 1] }, eu: { standard: [5, 8], express: [2, 3] }, world: { standard: [8, 15] } };
  const range = ranges[zone][method];
  if (!range) throw new Error(`"${method}" delivery is not offered to ${country}`);
  return { country, method, earliest: addBusinessDays(TODAY, range[0]), latest: addBusinessDays(TODAY, range[1]) };
}

export function search_policy({ topic }) {
  const text = POLICIES[topic];
  if (!text) throw new Error(`no policy on "${topic}"; topics: ${Object.keys(POLICIES).join(', ')}`);
  return { topic, text };
}

export function escalate_to_human({ order_id, category }) {
  findOrder(order_id);
  return { ticket: `ESC-${order_id.slice(3)}`, category, response_within: '1 business day' };
}
