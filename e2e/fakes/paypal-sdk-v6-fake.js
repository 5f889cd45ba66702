/**
 * A fake PayPal JS SDK v6 for the browser journeys (test code only), injected with
 * `page.addInitScript` before navigation (e2e/paypal-helpers.ts). @paypal/paypal-js's v6 loader
 * returns early when `window.paypal.version` starts with "6", so the real script
 * (https://www.sandbox.paypal.com/web-sdk/v6/core) is never fetched.
 *
 * It implements the surface @paypal/react-paypal-js/sdk-v6 uses, with the SDK's own checks:
 * - `paypal.createInstance({ clientId | clientToken, components, pageType, … })`, refusing both or
 *   neither credential and unknown components;
 * - the instance's `findEligibleMethods`, `hydrateEligibleMethods`, `updateLocale`,
 *   `updateClientToken`, `createPayPalOneTimePaymentSession` (needs "paypal-payments") and
 *   `createCardFieldsOneTimePaymentSession` (needs "card-fields");
 * - the `<paypal-button>` custom element;
 * - one-time payment sessions: `start(presentation, createOrderPromise)` awaits the app's order,
 *   lets "the buyer" decide in PayPal's window, then calls `onApprove({ orderId, payerId,
 *   fundingSource })`, `onCancel({ orderId })` or `onError(error)`, and `onComplete`;
 * - card-field sessions: each field is an IFRAME (srcdoc) holding its input, as PayPal hosts its
 *   fields in its own frames, so the page's DOM never contains a card input; `submit(orderId)`
 *   reads the frames and resolves `{ state: "succeeded" | "failed" | "canceled", data }`.
 *
 * "The buyer at PayPal" is `window.__paypalFakeBuyer(request)`, a function the spec exposes with
 * `page.exposeFunction`: it approves the order at the PayPal REST fake from Node (the browser never
 * talks to the fake) and answers `{ ok: true, payerId }`, `{ ok: false, issue }` or
 * `{ ok: false, action: "cancel" }`. `window.__paypalFake` records what the app asked for.
 */
(() => {
  if (window.top !== window || window.paypal) return;

  const BUYER = "__paypalFakeBuyer";
  const KNOWN_COMPONENTS = new Set([
    "paypal-payments",
    "paypal-guest-payments",
    "paypal-messages",
    "paypal-subscriptions",
    "venmo-payments",
    "paypal-legacy-billing-agreements",
    "card-fields",
    "applepay-payments",
    "googlepay-payments",
  ]);
  const record = { instances: [], paymentSessions: 0, cardSessions: 0, submits: [] };
  window.__paypalFake = record;

  function paypalError(code, message, isRecoverable = false) {
    const err = new Error(message);
    err.name = "PayPalError";
    err.code = code;
    err.isRecoverable = isRecoverable;
    return err;
  }

  async function askBuyer(request) {
    const buyer = window[BUYER];
    if (typeof buyer !== "function")
      throw paypalError("ERR_FAKE_BUYER", "the spec did not expose " + BUYER);
    return buyer(request);
  }

  class PayPalButtonElement extends HTMLElement {
    static get observedAttributes() {
      return ["disabled", "type"];
    }
    constructor() {
      super();
      const root = this.attachShadow({ mode: "open" });
      this.button = document.createElement("button");
      this.button.type = "button";
      this.button.textContent = "PayPal";
      this.button.setAttribute("aria-label", "Pay with PayPal");
      root.append(this.button);
    }
    get disabled() {
      return this.hasAttribute("disabled");
    }
    set disabled(value) {
      if (value) this.setAttribute("disabled", "");
      else this.removeAttribute("disabled");
    }
    attributeChangedCallback() {
      this.button.disabled = this.hasAttribute("disabled");
    }
  }
  if (!customElements.get("paypal-button"))
    customElements.define("paypal-button", PayPalButtonElement);

  function eligibility() {
    return {
      isEligible: (method) => method === "paypal" || method === "card",
      getDetails: () => ({}),
    };
  }

  function oneTimePaymentSession(options) {
    let destroyed = false;
    let active = null;
    const fail = (err) => {
      options.onError?.(err);
      options.onComplete?.({ paymentSessionState: "error" });
    };
    return {
      async start(presentation = { presentationMode: "auto" }, orderPromise) {
        if (destroyed) throw paypalError("ERR_SESSION_DESTROYED", "This session was destroyed.");
        if (active) return; // PayPal's window is already open.
        if (presentation && presentation.presentationMode === "redirect")
          throw paypalError("ERR_UNSUPPORTED", "The fake SDK does not redirect.");
        const current = { cancelled: false };
        active = current;
        try {
          let orderId;
          try {
            orderId = orderPromise ? (await orderPromise).orderId : options.orderId;
          } catch (err) {
            fail(paypalError("ERR_CREATE_ORDER", `createOrder failed: ${err && err.message}`));
            return;
          }
          if (typeof orderId !== "string" || orderId === "") {
            fail(paypalError("ERR_INVALID_ORDER", "createOrder must resolve to { orderId }."));
            return;
          }
          let decision;
          try {
            decision = await askBuyer({ kind: "paypal", orderId });
          } catch (err) {
            fail(paypalError("ERR_FAKE_BUYER", String(err && err.message)));
            return;
          }
          if (current.cancelled || decision.action === "cancel") {
            options.onCancel?.({ orderId });
            options.onComplete?.({ paymentSessionState: "canceled" });
            return;
          }
          if (!decision.ok) {
            fail(
              paypalError(decision.issue || "ERR_APPROVAL", "PayPal could not approve the order."),
            );
            return;
          }
          await options.onApprove({
            orderId,
            payerId: decision.payerId,
            fundingSource: "paypal",
          });
          options.onComplete?.({ paymentSessionState: "approved" });
        } finally {
          active = null;
        }
      },
      cancel() {
        if (active) active.cancelled = true;
      },
      destroy() {
        destroyed = true;
      },
      hasReturned: () => false,
      resume: async () => {},
    };
  }

  const FIELD = {
    number: { label: "Card number", name: "cardnumber", autocomplete: "cc-number" },
    expiry: { label: "Expiry date", name: "exp-date", autocomplete: "cc-exp" },
    cvv: { label: "Security code", name: "cvc", autocomplete: "cc-csc" },
    name: { label: "Name on card", name: "ccname", autocomplete: "cc-name" },
  };
  const escape = (s) =>
    String(s).replace(
      /[&<>"]/g,
      (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c],
    );

  function cardFieldsSession() {
    const frames = new Map();
    const handlers = {};
    let destroyed = false;
    return {
      createCardFieldsComponent(config) {
        const type = config && config.type;
        const f = FIELD[type];
        if (!f) throw paypalError("ERR_INVALID_FIELD", `Unknown card field type: ${type}`);
        if (frames.has(type)) throw paypalError("ERR_DUPLICATE_FIELD", `Two ${type} fields.`);
        const container = document.createElement("div");
        container.className = "paypal-card-field";
        const frame = document.createElement("iframe");
        frame.title = config.ariaLabel || f.label;
        // CSSOM, not a style attribute: the page's CSP allows it.
        frame.style.width = "100%";
        frame.style.height = "4.5rem";
        frame.style.border = "0";
        frame.srcdoc =
          `<!doctype html><html lang="en"><head><title>${escape(f.label)}</title></head><body>` +
          `<label for="field">${escape(config.label || f.label)}</label><br>` +
          `<input id="field" name="${f.name}" autocomplete="${f.autocomplete}" inputmode="${type === "name" ? "text" : "numeric"}"` +
          ` placeholder="${escape(config.placeholder || "")}" aria-label="${escape(config.ariaLabel || f.label)}">` +
          `</body></html>`;
        container.append(frame);
        frames.set(type, frame);
        container.destroy = () => {
          if (frames.get(type) === frame) frames.delete(type);
          container.remove();
        };
        return container;
      },
      async on(eventName, callback) {
        handlers[eventName] = callback;
      },
      update() {},
      destroy() {
        destroyed = true;
        frames.clear();
      },
      async submit(orderId, options) {
        if (destroyed) throw paypalError("ERR_SESSION_DESTROYED", "This session was destroyed.");
        if (typeof orderId !== "string" || orderId === "")
          throw paypalError("ERR_INVALID_ORDER", "submit() needs the order id.");
        for (const type of ["number", "expiry", "cvv"])
          if (!frames.has(type))
            throw paypalError("ERR_MISSING_FIELD", `The card ${type} field is not rendered.`);
        const read = (type) => {
          const input = frames.get(type)?.contentDocument?.querySelector("input");
          return input ? input.value : "";
        };
        const card = { number: read("number"), expiry: read("expiry"), cvv: read("cvv") };
        const empty = Object.keys(card).filter((k) => card[k].trim() === "");
        if (empty.length)
          throw paypalError(
            "INVALID_INPUT",
            `Fill in the ${empty.map((k) => FIELD[k].label.toLowerCase()).join(", ")}`,
            true,
          );
        record.submits.push({ orderId, billingAddress: options && options.billingAddress });
        const decision = await askBuyer({ kind: "card", orderId, card });
        if (decision.ok)
          return { data: { orderId, liabilityShift: "POSSIBLE" }, state: "succeeded" };
        if (decision.action === "cancel") return { data: { orderId }, state: "canceled" };
        return { data: { orderId, message: decision.issue }, state: "failed" };
      },
    };
  }

  async function createInstance(options) {
    if (!options || typeof options !== "object")
      throw paypalError("ERR_INVALID_OPTIONS", "createInstance needs options.");
    const hasId = typeof options.clientId === "string" && options.clientId !== "";
    const hasToken = typeof options.clientToken === "string" && options.clientToken !== "";
    if (hasId === hasToken)
      throw paypalError("ERR_INVALID_AUTH", "Pass exactly one of clientId or clientToken.");
    const components = options.components;
    if (!Array.isArray(components) || components.length === 0)
      throw paypalError("ERR_INVALID_COMPONENTS", "components must be a non-empty array.");
    for (const c of components)
      if (!KNOWN_COMPONENTS.has(c)) throw paypalError("ERR_INVALID_COMPONENTS", `Unknown: ${c}`);
    record.instances.push({
      clientId: options.clientId,
      clientToken: options.clientToken,
      components: [...components],
      pageType: options.pageType,
      locale: options.locale,
    });
    const needs = (c, what) => {
      if (!components.includes(c))
        throw paypalError("ERR_COMPONENT_NOT_LOADED", `${what} needs the "${c}" component.`);
    };
    await Promise.resolve();
    return {
      findEligibleMethods: async () => eligibility(),
      hydrateEligibleMethods: () => eligibility(),
      updateLocale() {},
      updateClientToken() {
        if (!hasToken) throw paypalError("ERR_INVALID_AUTH", "This instance uses a clientId.");
      },
      createPayPalOneTimePaymentSession(sessionOptions) {
        needs("paypal-payments", "createPayPalOneTimePaymentSession");
        if (!sessionOptions || typeof sessionOptions.onApprove !== "function")
          throw paypalError("ERR_INVALID_OPTIONS", "onApprove is required.");
        record.paymentSessions++;
        return oneTimePaymentSession(sessionOptions);
      },
      createCardFieldsOneTimePaymentSession() {
        needs("card-fields", "createCardFieldsOneTimePaymentSession");
        record.cardSessions++;
        return cardFieldsSession();
      },
      createCardFieldsSavePaymentSession() {
        throw paypalError("ERR_UNSUPPORTED", "The fake SDK does not vault cards.");
      },
    };
  }

  window.paypal = { version: "6.0.0", createInstance };
})();
