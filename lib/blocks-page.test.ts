import { describe, expect, it } from "vitest";
import {
  alreadyBlockedText,
  BLOCK_FIELDS,
  blockCourtOptions,
  blockFormValues,
  blockNotice,
  collidingBookingText,
  courtOptions,
  newBlockDefaults,
  nothingToCreate,
  occurrenceIsClear,
  occurrenceWhen,
  previewHeading,
  previewSummary,
  REMOVE_SCOPE_OPTIONS,
  REPEAT_OPTIONS,
  removeBlockLabel,
  upcomingBlockDetails,
  wantsPreview,
  type BlockPreviewView,
  type PreviewOccurrence,
  type UpcomingBlock,
} from "@/lib/blocks-page";

const EMPTY = blockFormValues({});

const SENT = {
  courtId: "c1",
  kind: "MAINTENANCE",
  title: "Nets",
  date: "2026-07-01",
  startTime: "08:00",
  endTime: "09:30",
  repeat: "weekly",
  repeatUntil: "2026-07-29",
};

describe("blockFormValues", () => {
  it("reads every block field of the query, '' when absent or repeated", () => {
    expect(blockFormValues({ ...SENT, preview: "1" })).toEqual(SENT);
    expect(blockFormValues({ ...SENT, repeatUntil: ["2026-07-29", "2026-08-05"] })).toEqual({
      ...SENT,
      repeatUntil: "",
    });
    expect(Object.keys(EMPTY)).toEqual([...BLOCK_FIELDS]);
    expect(Object.values(EMPTY).every((v) => v === "")).toBe(true);
  });
});

describe("wantsPreview", () => {
  it("is true only for preview=1", () => {
    expect(wantsPreview({ preview: "1" })).toBe(true);
    expect(wantsPreview({})).toBe(false);
    expect(wantsPreview({ preview: "0" })).toBe(false);
    expect(wantsPreview({ preview: ["1", "1"] })).toBe(false);
  });
});

describe("newBlockDefaults", () => {
  it("offers a one-off lesson today from 18:00 to 19:00 on every court", () => {
    expect(newBlockDefaults(EMPTY, "2026-06-10")).toEqual({
      courtId: "",
      kind: "LESSON",
      title: "",
      date: "2026-06-10",
      startTime: "18:00",
      endTime: "19:00",
      repeat: "none",
      repeatUntil: "",
    });
  });

  it("keeps the values sent", () => {
    expect(newBlockDefaults(SENT, "2026-06-10")).toEqual(SENT);
  });
});

describe("blockCourtOptions", () => {
  it("puts every court first, then each court by id", () => {
    expect(blockCourtOptions([])).toEqual([{ value: "all", label: "All courts" }]);
    expect(
      blockCourtOptions([
        { id: "c1", name: "Court 1" },
        { id: "c4", name: "Court 4" },
      ]),
    ).toEqual([
      { value: "all", label: "All courts" },
      { value: "c1", label: "Court 1" },
      { value: "c4", label: "Court 4" },
    ]);
  });
});

describe("courtOptions", () => {
  it("offers each court by id, in order", () => {
    expect(courtOptions([])).toEqual([]);
    expect(
      courtOptions([
        { id: "c4", name: "Court 4" },
        { id: "c1", name: "Court 1" },
      ]),
    ).toEqual([
      { value: "c4", label: "Court 4" },
      { value: "c1", label: "Court 1" },
    ]);
  });
});

describe("the choices of the forms", () => {
  it("repeats once or weekly, and removes one date, the later ones or the whole series", () => {
    expect(REPEAT_OPTIONS).toEqual([
      { value: "none", label: "Once" },
      { value: "weekly", label: "Every week on this weekday" },
    ]);
    expect(REMOVE_SCOPE_OPTIONS.map((o) => `${o.value}: ${o.label}`)).toEqual([
      "one: This date only",
      "following: This and later dates",
      "series: The whole series",
    ]);
  });
});

describe("blockNotice", () => {
  it("shows nothing without an action's result", () => {
    expect(blockNotice({})).toBeNull();
    expect(blockNotice({ cancelled: "2", skipped: "1" })).toBeNull();
    expect(blockNotice({ created: ["3", "3"] })).toBeNull();
  });

  it("tells what creating a block did", () => {
    expect(blockNotice({ created: "3", cancelled: "0", skipped: "0" })).toBe(
      "Block created: 3 date(s).",
    );
    expect(blockNotice({ created: "3", cancelled: "2", skipped: "0" })).toBe(
      "Block created: 3 date(s), 2 booking(s) cancelled and the players told.",
    );
    expect(blockNotice({ created: "2", cancelled: "0", skipped: "1" })).toBe(
      "Block created: 2 date(s), 1 date(s) skipped.",
    );
    expect(blockNotice({ created: "1", cancelled: "1", skipped: "2" })).toBe(
      "Block created: 1 date(s), 1 booking(s) cancelled and the players told, 2 date(s) skipped.",
    );
    expect(blockNotice({ created: "1", cancelled: "x", skipped: "" })).toBe(
      "Block created: 1 date(s).",
    );
  });

  it("tells how many dates were removed, unless a block was created", () => {
    expect(blockNotice({ deleted: "3" })).toBe("Removed 3 date(s).");
    expect(blockNotice({ deleted: "0" })).toBe("Removed 0 date(s).");
    expect(blockNotice({ created: "1", deleted: "3" })).toBe("Block created: 1 date(s).");
  });
});

const occurrence = (over: Partial<PreviewOccurrence> = {}): PreviewOccurrence => ({
  date: "2026-06-10",
  startsAt: "2026-06-10T16:00:00.000Z",
  start: "18:00",
  end: "19:00",
  bookings: [],
  blockedBy: [],
  ...over,
});

const alice = {
  id: "b1",
  courtName: "Court 4",
  start: "18:00",
  end: "19:00",
  players: ["Alice Martin"],
};

const preview = (over: Partial<BlockPreviewView> = {}): BlockPreviewView => ({
  title: "Junior squad",
  courtName: "Court 4",
  occurrences: [occurrence()],
  bookingIds: [],
  ...over,
});

describe("the preview", () => {
  it("is headed by the block's title and court", () => {
    expect(previewHeading(preview())).toBe("Preview: Junior squad · Court 4");
    expect(previewHeading(preview({ courtName: null }))).toBe("Preview: Junior squad · all courts");
  });

  it("counts the occurrences and the colliding bookings", () => {
    expect(previewSummary(preview())).toBe("1 occurrence(s). No booking collides with this block.");
    expect(
      previewSummary(
        preview({
          occurrences: [occurrence(), occurrence(), occurrence()],
          bookingIds: ["b1", "b2"],
        }),
      ),
    ).toBe("3 occurrence(s). 2 booking(s) collide with this block.");
  });

  it("has nothing to create when every occurrence is already blocked", () => {
    expect(nothingToCreate(preview())).toBe(false);
    expect(nothingToCreate(preview({ occurrences: [] }))).toBe(true);
    const blocked = occurrence({ blockedBy: ["Tournament"] });
    expect(nothingToCreate(preview({ occurrences: [blocked] }))).toBe(true);
    expect(nothingToCreate(preview({ occurrences: [blocked, occurrence()] }))).toBe(false);
    expect(nothingToCreate(preview({ occurrences: [occurrence({ bookings: [alice] })] }))).toBe(
      false,
    );
  });

  it("writes an occurrence's day in full and its local times", () => {
    expect(occurrenceWhen(occurrence())).toEqual({
      date: "Wednesday 10 June 2026",
      time: "18:00–19:00",
    });
  });

  it("marks an occurrence that collides with nothing", () => {
    expect(occurrenceIsClear(occurrence())).toBe(true);
    expect(occurrenceIsClear(occurrence({ bookings: [alice] }))).toBe(false);
    expect(occurrenceIsClear(occurrence({ blockedBy: ["Tournament"] }))).toBe(false);
  });

  it("describes the colliding bookings and blocks", () => {
    expect(collidingBookingText(alice)).toBe("Booking Court 4 18:00–19:00: Alice Martin");
    const bob = { ...alice, start: "17:30", end: "18:30", players: ["Bob Durand", "Cy Roux"] };
    expect(collidingBookingText(bob)).toBe("Booking Court 4 17:30–18:30: Bob Durand, Cy Roux");
    expect(alreadyBlockedText("Club cup")).toBe(
      "Already blocked (Club cup): this date will be skipped",
    );
  });
});

describe("an upcoming block", () => {
  const block: UpcomingBlock = {
    id: "k1",
    seriesId: null,
    title: "Nets",
    courtName: null,
    date: "2026-03-29",
    start: "08:00",
    end: "09:30",
    remainingInSeries: 1,
  };

  it("is described by its day, times, court and what is left of its series", () => {
    expect(upcomingBlockDetails(block)).toBe("Sunday 29 March 2026, 08:00–09:30 · All courts");
    expect(
      upcomingBlockDetails({
        ...block,
        seriesId: "s1",
        courtName: "Court 4",
        remainingInSeries: 3,
      }),
    ).toBe("Sunday 29 March 2026, 08:00–09:30 · Court 4 · weekly (3 to come)");
  });

  it("names its removal form by its title and date", () => {
    expect(removeBlockLabel(block)).toBe("Remove Nets on 2026-03-29");
  });
});
