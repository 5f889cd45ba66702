/**
 * Helpers of the PayPal journeys: the PayPal REST fake (test/fakes/paypal-fake.ts) started in the
 * test process, the demo club's PAYPAL gateway pointed at it (secrets sealed as the admin screen
 * seals them), a guest price so that a booking with a guest carries a fee, and the fake PayPal JS
 * SDK v6 (e2e/fakes/paypal-sdk-v6-fake.js) injected into a page, with "the buyer at PayPal" played
 * from Node: the browser never talks to the REST fake, and no request reaches a real PayPal host.
 */
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";
import { startPaypalFake, type PaypalFake } from "../test/fakes/paypal-fake";
import { configureDemoGateway } from "./demo-gateway";

export const E2E_PAYPAL_WEBHOOK_ID = "WH-E2E-0001";
export const GUEST_FEE_RULE = "E2E PayPal guest fee";
/** €15.00 per guest and per hour, every day, all day. */
export const GUEST_FEE_MINOR = 1500;

const SDK_FAKE = fileURLToPath(new URL("./fakes/paypal-sdk-v6-fake.js", import.meta.url));

export async function startE2ePaypal(): Promise<PaypalFake> {
  const fake = await startPaypalFake();
  // As on PayPal: an order is captured only after the buyer approved it.
  fake.requireApproval = true;
  return fake;
}

/**
 * Makes PAYPAL (sandbox, REST calls to the fake) the demo club's only enabled gateway and adds the
 * guest fee, listed first so that it wins over any other guest rule (rules apply in creation
 * order). Returns an undo for afterAll that restores the gateways as they were.
 */
export async function configureDemoPaypal(fake: PaypalFake): Promise<() => Promise<void>> {
  const demo = await configureDemoGateway({
    gateway: "PAYPAL",
    settings: {
      clientId: fake.clientId,
      webhookId: E2E_PAYPAL_WEBHOOK_ID,
      apiBaseUrl: fake.baseUrl,
    },
    secrets: { clientSecret: fake.clientSecret },
    guestFee: { ruleName: GUEST_FEE_RULE, amountMinor: GUEST_FEE_MINOR },
  });
  return () => demo.restore();
}

type BuyerRequest =
  | { kind: "paypal"; orderId: string }
  | { kind: "card"; orderId: string; card: { number: string; expiry: string; cvv: string } };

export type PaypalBuyer = {
  /** What the buyer does next in PayPal's window: approve (default) or close it. */
  next: "approve" | "cancel";
  /** Requests the fake SDK made of the buyer (card numbers reduced to their last four digits). */
  seen: { kind: string; orderId: string; last4?: string }[];
  /** Requests to real PayPal hosts that were blocked (there must be none). */
  blockedPaypalRequests: string[];
};

/**
 * Before the first navigation: blocks every real PayPal host, exposes "the buyer at PayPal" to
 * the fake SDK (it approves orders at the REST fake, from Node), then injects the fake SDK.
 */
export async function installPaypalSdkFake(page: Page, fake: PaypalFake): Promise<PaypalBuyer> {
  const buyer: PaypalBuyer = { next: "approve", seen: [], blockedPaypalRequests: [] };
  await page.route(/^https:\/\/([a-z0-9-]+\.)*paypal(objects)?\.com\//, (route) => {
    buyer.blockedPaypalRequests.push(route.request().url());
    return route.abort();
  });
  await page.exposeFunction("__paypalFakeBuyer", (request: BuyerRequest) => {
    buyer.seen.push({
      kind: request.kind,
      orderId: request.orderId,
      ...(request.kind === "card"
        ? { last4: request.card.number.replace(/\D/g, "").slice(-4) }
        : {}),
    });
    if (buyer.next === "cancel") {
      buyer.next = "approve";
      return { ok: false, action: "cancel" };
    }
    const result = fake.approve(
      request.orderId,
      request.kind === "paypal" ? { kind: "paypal" } : { kind: "card", ...request.card },
    );
    return result.ok ? { ok: true, payerId: "FAKEPAYER0001" } : { ok: false, issue: result.issue };
  });
  await page.addInitScript({ path: SDK_FAKE });
  return buyer;
}

/** When the club offers several gateways, the booking form asks: choose PayPal. */
export async function chooseGatewayIfAsked(page: Page): Promise<void> {
  const paypal = page.getByRole("radio", { name: /PayPal/ });
  if (await paypal.count()) await paypal.check();
}

/** Inputs of the page's own DOM (not its frames) that look like card fields. */
export async function cardLikeInputsInMainFrame(page: Page): Promise<string[]> {
  return page.mainFrame().evaluate(() => {
    const looksLikeCard =
      /card|cc-?(number|num|exp|csc|name)|cvc|cvv|csc|expir|exp-?date|security.?code|pan\b/i;
    return [...document.querySelectorAll("input, textarea, select")]
      .map((el) => {
        const e = el as HTMLInputElement;
        return [e.name, e.id, e.autocomplete, e.getAttribute("aria-label") ?? "", e.placeholder]
          .filter(Boolean)
          .join(" ");
      })
      .filter((desc) => looksLikeCard.test(desc));
  });
}
