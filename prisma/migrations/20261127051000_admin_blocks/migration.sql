-- Club admin blocks (issue 6, item 6): the occurrences of a recurring weekly block share a
-- series id, so that the whole series can be listed, ended or deleted later. A one-off block has
-- none. No table of its own: a series is nothing but its occurrences (lib/recurrence.ts computes
-- them on the club's wall clock when the block is created).
ALTER TABLE "block" ADD COLUMN "series_id" UUID;
CREATE INDEX "block_club_id_series_id_idx" ON "block"("club_id", "series_id");
