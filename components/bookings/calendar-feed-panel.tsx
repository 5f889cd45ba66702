"use client";

import {
  BoundForm,
  FormMessage,
  SubmitButton,
  useFormAction,
  type StateAction,
} from "@/components/forms/action-form";
import type { CalendarFeedState } from "@/lib/calendar-feed-state";
import { IDLE } from "@/lib/form-state";

type FeedAction = StateAction<CalendarFeedState>;

export type CalendarFeedStatusView =
  { active: false } | { active: true; createdLabel: string; lastUsedLabel: string | null };

/**
 * The personal calendar feed: make (or replace) the secret link that calendar apps subscribe to,
 * shown once right after it is made, or turn it off. Two server-action forms that work without
 * JavaScript; `next` is the page to refresh afterwards.
 */
export function CalendarFeedPanel({
  status,
  rotate,
  revoke,
  next,
}: {
  status: CalendarFeedStatusView;
  rotate: FeedAction;
  revoke: FeedAction;
  next: string;
}) {
  const rotation = useFormAction(rotate, IDLE);
  const revocation = useFormAction(revoke, IDLE);
  const made = rotation.state;
  const revoked = revocation.state;
  return (
    <div>
      <p className="mt-2">
        Subscribe to your bookings from Google Calendar, Apple Calendar or Outlook with a private
        link. Anyone who has the link can see your bookings, so keep it to yourself.
      </p>
      <p className="mt-2" data-testid="calendar-feed-status">
        {status.active
          ? `Your calendar link is on (made ${status.createdLabel}${
              status.lastUsedLabel ? `, last read by a calendar ${status.lastUsedLabel}` : ""
            }).`
          : "You have no calendar link."}
      </p>
      {/* Only the latest of the two answers is relevant: the server's status tells which. */}
      {status.active || made.status === "error" ? <FormMessage state={made} /> : null}
      {status.active && made.feed ? (
        <div className="mt-3 rounded border border-slate-300 bg-white p-3">
          <label htmlFor="calendar-feed-url" className="block font-medium">
            Your calendar link (copy it now: it is shown only once)
          </label>
          <input
            id="calendar-feed-url"
            type="text"
            readOnly
            value={made.feed.url}
            className="mt-1 block w-full rounded border border-slate-400 px-3 py-2 font-mono text-sm"
          />
          <p className="mt-2">
            <a href={made.feed.webcalUrl} className="text-blue-800 underline">
              Open it in my calendar app
            </a>
          </p>
        </div>
      ) : null}
      {!status.active || revoked.status === "error" ? <FormMessage state={revoked} /> : null}
      <div className="mt-3 flex flex-wrap gap-3">
        <BoundForm bound={rotation} hidden={{ next }}>
          <SubmitButton className="min-h-11">
            {status.active ? "Replace my calendar link" : "Make my calendar link"}
          </SubmitButton>
        </BoundForm>
        {status.active ? (
          <BoundForm bound={revocation} hidden={{ next }}>
            <SubmitButton variant="secondary" className="min-h-11">
              Turn off my calendar link
            </SubmitButton>
          </BoundForm>
        ) : null}
      </div>
    </div>
  );
}
