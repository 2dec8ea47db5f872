// In-memory accounts, sessions, carts and orders of the demo shop.
// A monitor creates a fresh user on every run, forever, so everything that grows per run is capped.

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { findProduct } from './catalogue.ts';

/** Created users kept; the oldest are forgotten, with their sessions, cart and orders. */
export const MAX_CREATED_USERS = 10_000;
/** Sessions kept per user: the returning buyer logs in on every run. */
export const MAX_TOKENS_PER_USER = 100;
/** Orders kept per user: a checkout probe orders on every run. */
export const MAX_ORDERS_PER_USER = 100;
/** Largest quantity of one product in a cart. */
export const MAX_LINE_QUANTITY = 99;

export const DEMO_BUYER = { email: 'buyer@demo.shop', password: 'demo-buyer-password' } as const;
export const DEMO_BUYER_NAME = 'Robin Returning';

export interface User {
  readonly id: string;
  readonly name: string;
  readonly email: string;
  readonly createdAt: Date;
}

export interface CartLine {
  readonly productId: string;
  quantity: number;
}

export interface Cart {
  readonly id: string;
  readonly userId: string;
  readonly lines: CartLine[];
}

/** Name and price are copied at checkout: an order shows what was paid, not today's price. */
export interface OrderLine {
  readonly productId: string;
  readonly name: string;
  readonly quantity: number;
  readonly unitPriceCents: number;
}

export interface Order {
  readonly id: string;
  readonly userId: string;
  readonly status: 'confirmed';
  readonly lines: readonly OrderLine[];
  readonly totalCents: number;
  readonly createdAt: Date;
}

export interface Session {
  readonly user: User;
  readonly token: string;
}

export interface ShopStoreOptions {
  /** Default {@link MAX_CREATED_USERS}; smaller in tests of eviction. */
  maxCreatedUsers?: number;
  now?: () => Date;
}

interface Account {
  readonly user: User;
  readonly passwordDigest?: Buffer;
  readonly tokens: string[];
  readonly orders: Order[];
  cart?: Cart;
}

const DAY_MS = 86_400_000;

export class ShopStore {
  private readonly accounts = new Map<string, Account>();
  private readonly accountsByEmail = new Map<string, Account>();
  private readonly accountsByToken = new Map<string, Account>();
  /** Insertion order is creation order, so the first entry is the next to evict. */
  private readonly createdUserIds = new Set<string>();
  private readonly maxCreatedUsers: number;
  private readonly now: () => Date;
  private nextUserNumber = 2001;
  private nextOrderNumber = 50001;
  private nextCartNumber = 70001;

  constructor(options: ShopStoreOptions = {}) {
    this.maxCreatedUsers = options.maxCreatedUsers ?? MAX_CREATED_USERS;
    this.now = options.now ?? (() => new Date());
    this.seedReturningBuyer();
  }

  get createdUserCount(): number {
    return this.createdUserIds.size;
  }

  createUser(name: string): Session {
    const number = this.nextUserNumber++;
    const user: User = {
      id: `u-${number}`,
      name,
      email: `shopper-${number}@users.demo.shop`,
      createdAt: this.now(),
    };
    const account = this.addAccount(user);
    this.createdUserIds.add(user.id);
    while (this.createdUserIds.size > this.maxCreatedUsers) {
      const oldest = this.createdUserIds.values().next().value as string;
      this.forget(oldest);
    }
    return { user, token: this.issueToken(account) };
  }

  /** `undefined` for an unknown email or a wrong password, without saying which. */
  login(email: string, password: string): Session | undefined {
    const account = this.accountsByEmail.get(email.trim().toLowerCase());
    const given = digest(password);
    const expected = account?.passwordDigest ?? given;
    const matches = timingSafeEqual(given, expected);
    if (!account?.passwordDigest || !matches) return undefined;
    return { user: account.user, token: this.issueToken(account) };
  }

  userForToken(token: string): User | undefined {
    return this.accountsByToken.get(token)?.user;
  }

  cartOf(userId: string): Cart {
    const account = this.account(userId);
    account.cart ??= { id: `c-${this.nextCartNumber++}`, userId, lines: [] };
    return account.cart;
  }

  /** The caller has checked the product exists; returns `undefined` when the line would exceed {@link MAX_LINE_QUANTITY}. */
  addToCart(userId: string, productId: string, quantity: number): Cart | undefined {
    const cart = this.cartOf(userId);
    const line = cart.lines.find((candidate) => candidate.productId === productId);
    const newQuantity = (line?.quantity ?? 0) + quantity;
    if (newQuantity > MAX_LINE_QUANTITY) return undefined;
    if (line) line.quantity = newQuantity;
    else cart.lines.push({ productId, quantity });
    return cart;
  }

  /** Turns the cart into a confirmed order; `undefined` when the cart is empty. */
  checkout(userId: string): Order | undefined {
    const cart = this.cartOf(userId);
    if (cart.lines.length === 0) return undefined;
    const order = this.recordOrder(userId, cart.lines, this.now());
    cart.lines.length = 0;
    return order;
  }

  /** Newest first. */
  ordersOf(userId: string): readonly Order[] {
    return [...this.account(userId).orders].reverse();
  }

  private account(userId: string): Account {
    const account = this.accounts.get(userId);
    // Only reachable through a valid token, and eviction removes the token with the user.
    if (!account) throw new Error(`no account for user ${userId}`);
    return account;
  }

  private addAccount(user: User, password?: string): Account {
    const account: Account = {
      user,
      tokens: [],
      orders: [],
      ...(password === undefined ? {} : { passwordDigest: digest(password) }),
    };
    this.accounts.set(user.id, account);
    this.accountsByEmail.set(user.email.toLowerCase(), account);
    return account;
  }

  private issueToken(account: Account): string {
    const token = randomBytes(24).toString('base64url');
    account.tokens.push(token);
    this.accountsByToken.set(token, account);
    while (account.tokens.length > MAX_TOKENS_PER_USER) {
      this.accountsByToken.delete(account.tokens.shift() as string);
    }
    return token;
  }

  private forget(userId: string): void {
    const account = this.accounts.get(userId);
    this.createdUserIds.delete(userId);
    if (!account) return;
    for (const token of account.tokens) this.accountsByToken.delete(token);
    this.accountsByEmail.delete(account.user.email.toLowerCase());
    this.accounts.delete(userId);
  }

  private recordOrder(userId: string, lines: readonly CartLine[], createdAt: Date): Order {
    const orderLines = lines.map((line): OrderLine => {
      const product = findProduct(line.productId);
      if (!product) throw new Error(`cart holds unknown product ${line.productId}`);
      return { productId: product.id, name: product.name, quantity: line.quantity, unitPriceCents: product.priceCents };
    });
    const order: Order = {
      id: `o-${this.nextOrderNumber++}`,
      userId,
      status: 'confirmed',
      lines: orderLines,
      totalCents: orderLines.reduce((sum, line) => sum + line.quantity * line.unitPriceCents, 0),
      createdAt,
    };
    const orders = this.account(userId).orders;
    orders.push(order);
    if (orders.length > MAX_ORDERS_PER_USER) orders.shift();
    return order;
  }

  /** The returning-buyer persona: history in audio and books, so personalised picks are recognisable. */
  private seedReturningBuyer(): void {
    const now = this.now().getTime();
    const user: User = { id: 'u-1000', name: DEMO_BUYER_NAME, email: DEMO_BUYER.email, createdAt: new Date(now - 400 * DAY_MS) };
    this.addAccount(user, DEMO_BUYER.password);
    const pastOrders: ReadonlyArray<{ daysAgo: number; lines: CartLine[] }> = [
      { daysAgo: 41, lines: [{ productId: 'p-1001', quantity: 1 }, { productId: 'p-1021', quantity: 1 }] },
      { daysAgo: 22, lines: [{ productId: 'p-1003', quantity: 1 }] },
      { daysAgo: 6, lines: [{ productId: 'p-1022', quantity: 1 }, { productId: 'p-1024', quantity: 2 }] },
    ];
    for (const { daysAgo, lines } of pastOrders) this.recordOrder(user.id, lines, new Date(now - daysAgo * DAY_MS));
  }
}

/** Fixed-length digests let `timingSafeEqual` compare passwords of any length. */
function digest(password: string): Buffer {
  return createHash('sha256').update('payloadwatch-demo-shop:').update(password).digest();
}
