/**
 * Child process of generate-shapes: a "realistic" heap of COUNT users, each with orders, friends,
 * settings, a session and a listener closure; orders link back to their user, to products and to
 * the previous order; products to categories (each holding a Set of its products); caches in
 * Maps keyed by ids and by strings. `node shape-mixed.js OUT COUNT`.
 */
import { buildAndWrite } from './shape-write.js';

class Category {
  readonly products = new Set<Product>();
  constructor(readonly name: string) {}
}
class Product {
  constructor(
    readonly sku: string,
    readonly price: number,
    readonly category: Category,
  ) {
    category.products.add(this);
  }
}
class Order {
  previous: Order | null = null;
  readonly createdAt: string;
  constructor(
    readonly id: number,
    readonly user: User,
    readonly items: Product[],
    readonly total: number,
  ) {
    this.createdAt = new Date(1_700_000_000_000 + id * 1000).toISOString();
  }
}
class User {
  readonly orders: Order[] = [];
  readonly friends: User[] = [];
  readonly settings: { theme: string; volume: number; tags: string[] };
  constructor(
    readonly id: number,
    readonly name: string,
    readonly email: string,
  ) {
    this.settings = { theme: id % 3 === 0 ? 'dark' : 'light', volume: (id % 100) / 10 + 0.05, tags: [`t${id % 50}`, `u${id}`] };
  }
}

buildAndWrite('shape-mixed', (count) => {
  const categories = Array.from({ length: 50 }, (_, i) => new Category(`category-${i}`));
  const products = Array.from({ length: 10_000 }, (_, i) => new Product(`sku-${i}`, (i % 997) + 0.99, categories[i % 50]!));
  const users: User[] = [];
  const byId = new Map<number, User>();
  const sessions = new Map<string, { user: User; expires: number }>();
  const listeners: Array<() => string> = [];
  let lastOrder: Order | null = null;
  let orderId = 0;
  for (let i = 0; i < count; i++) {
    const user = new User(i, `user ${i}`, `user${i}@example.com`);
    users.push(user);
    byId.set(i, user);
    if (i % 2 === 0) sessions.set(`token-${i.toString(16)}`, { user, expires: 1.7e12 + i * 0.5 });
    for (let k = 0; k < 3; k++) {
      const items = [products[(i * 7 + k) % products.length]!, products[(i * 13 + k) % products.length]!];
      const order = new Order(orderId++, user, items, items[0]!.price + items[1]!.price);
      order.previous = lastOrder;
      lastOrder = order;
      user.orders.push(order);
    }
    for (let f = 1; f <= 3 && f <= i; f++) user.friends.push(users[i - f * f]!);
    if (i % 4 === 0) listeners.push(() => user.name);
  }
  return { categories, products, users, byId, sessions, listeners, lastOrder };
});
