/**
 * Every page runs under the Content-Security-Policy with zero violations (ADR 001).
 * The `csp` fixture (e2e/fixtures.ts) fails any test that sees a violation; these tests visit
 * each page, prove that the recorder and the reporting endpoint really work, and check that no
 * report reached the csp_violation table from the pages themselves.
 *
 * Chromium prefers `report-to` over `report-uri` when a policy has both, and headless Chromium
 * never delivers Reporting API reports (measured: nothing within 65 s). So that a violation really
 * reaches our endpoint, these tests strip `report-to` from each document's CSP: Chromium then posts
 * to `report-uri /api/csp-report`, as Firefox and Safari do. The Reporting API format itself is
 * covered by test/integration/csp-report.test.ts.
 */
import { e2eDatabase, expect, test } from "./fixtures";

const PAGES = ["/", "/c/demo", "/c/demo/planning", "/no-such-page"];

test.beforeEach(async ({ context }) => {
  await context.route("**/*", async (route) => {
    if (!route.request().isNavigationRequest()) return route.fallback();
    const response = await route.fetch();
    const headers = response.headers();
    const csp = headers["content-security-policy"];
    if (csp) headers["content-security-policy"] = csp.replace(/;\s*report-to [^;]+/, "");
    await route.fulfill({ response, headers });
  });
});

async function reports(
  documentLike: string,
): Promise<{ document_uri: string; effective_directive: string }[]> {
  const db = await e2eDatabase();
  try {
    const { rows } = await db.query<{ document_uri: string; effective_directive: string }>(
      "SELECT document_uri, effective_directive FROM csp_violation WHERE document_uri LIKE $1",
      [documentLike],
    );
    return rows;
  } finally {
    await db.end();
  }
}

test.describe("CSP: zero violations", () => {
  for (const path of PAGES) {
    test(`page ${path}`, async ({ page, csp }) => {
      const res = await page.goto(path);
      expect(res?.status()).toBeLessThan(500);
      expect(res?.headers()["content-security-policy"]).toContain("'strict-dynamic'");
      await csp.settle(page);
      expect(csp.all()).toEqual([]);
    });
  }

  test("client-side navigation from the home page to the club page", async ({ page, csp }) => {
    await page.goto("/");
    await page.getByRole("link", { name: /demo/i }).first().click();
    await page.waitForURL("**/c/demo");
    await csp.settle(page);
    expect(csp.all()).toEqual([]);
  });
});

test.describe("CSP: the checks can fail", () => {
  test("an injected inline style is blocked, recorded and reported to csp_violation", async ({
    page,
    csp,
  }) => {
    await page.goto("/no-such-page/__csp-test/canary");
    await csp.settle(page);
    expect(csp.all()).toEqual([]);

    // Markup an attacker might inject: the CSP must block it and the browser must tell us.
    await page.evaluate(() => {
      const div = document.createElement("div");
      div.innerHTML = '<p style="color:red">x</p>';
      document.body.append(div);
    });
    // Wait for both the DOM event and the console error before claiming them.
    await expect
      .poll(() => new Set(csp.all().map((v) => v.source)).size, { timeout: 5_000 })
      .toBe(2);
    const seen = csp.take();
    expect(seen.some((v) => v.effectiveDirective === "style-src-attr")).toBe(true);

    await expect
      .poll(async () => (await reports("%/__csp-test/canary")).map((r) => r.effective_directive), {
        timeout: 10_000,
      })
      .toContain("style-src-attr");
  });

  test("no page visited by these tests sent a violation report", async () => {
    const all = await reports("%");
    expect(all.filter((r) => !r.document_uri.includes("/__csp-test/"))).toEqual([]);
  });
});
