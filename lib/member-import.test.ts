import { describe, expect, it } from "vitest";
import { previewMemberImport, type ImportContext } from "./member-import";

const ctx: ImportContext = {
  tiers: [
    { id: "t-std", name: "Standard" },
    { id: "t-jun", name: "Junior" },
  ],
  existingMembers: new Set(["member@x.test"]),
  actorIsOwner: false,
  today: "2026-11-27",
};

describe("previewMemberImport", () => {
  it("reads every column, in any order and case, with defaults", () => {
    const p = previewMemberImport(
      "Email,Name,Valid Until,ROLE,tier\r\nann@x.test,Ann,2027-06-30,staff,junior\nBOB@x.test,Bob,,,\n",
      ctx,
    );
    expect(p.fileError).toBeNull();
    expect(p.valid).toBe(true);
    expect(p.rows).toEqual([
      {
        line: 2,
        name: "Ann",
        email: "ann@x.test",
        tierName: "junior",
        tierId: "t-jun",
        role: "STAFF",
        validUntil: "2027-06-30",
        errors: [],
      },
      {
        line: 3,
        name: "Bob",
        email: "bob@x.test",
        tierName: null,
        tierId: null,
        role: "PLAYER",
        validUntil: null,
        errors: [],
      },
    ]);
  });

  it("names every problem of every row with its line", () => {
    const p = previewMemberImport(
      [
        "name,email,tier,role,valid until",
        ",not-an-email,Gold,coach,2027-02-30",
        "Cy,member@x.test,,,",
        "Di,di@x.test,,owner,2020-01-01",
        "Di again,DI@x.test,,,",
      ].join("\n"),
      ctx,
    );
    expect(p.valid).toBe(false);
    expect(p.rows.map((r) => [r.line, r.errors])).toEqual([
      [
        2,
        [
          "The name is missing.",
          '"not-an-email" is not an email address.',
          'No tier is called "Gold" (tiers: Standard, Junior).',
          '"coach" is not a role (player, staff, manager or owner).',
          '"2027-02-30" is not a date like 2027-06-30.',
        ],
      ],
      [3, ["Already a member of the club or invited: change them in the member list."]],
      [4, ["Only an owner can grant the owner role.", "The end of validity is in the past."]],
      [5, ["This email address is also on line 4."]],
    ]);
  });

  it("lets an owner grant the owner role", () => {
    const p = previewMemberImport("name,email,role\nOz,oz@x.test,OWNER", {
      ...ctx,
      actorIsOwner: true,
    });
    expect(p.valid).toBe(true);
    expect(p.rows[0]!.role).toBe("OWNER");
  });

  it("refuses files without the needed columns, without rows, or broken", () => {
    expect(previewMemberImport("", ctx).fileError).toBe("The file is empty.");
    expect(previewMemberImport("name,phone\nA,1", ctx).fileError).toMatch(/missing: email/);
    expect(previewMemberImport("name,email\n", ctx).fileError).toBe("The file has no member rows.");
    expect(previewMemberImport('name,email\n"A,a@x.test', ctx).fileError).toMatch(/not closed/);
    const big =
      "name,email\n" + Array.from({ length: 1001 }, (_, i) => `N,n${i}@x.test`).join("\n");
    expect(previewMemberImport(big, ctx).fileError).toMatch(/At most 1000/);
  });
});
