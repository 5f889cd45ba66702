import { AdminSection } from "@/components/admin/admin-section";
import { Pager } from "@/components/admin/pager";
import { ActionForm, Field, SubmitButton, type FormAction } from "@/components/forms/action-form";
import {
  bookingWhen,
  cancelBookingLabel,
  isCancellable,
  playersText,
  resultsHeading,
  statusLabel,
  type BookingRowView,
} from "@/lib/admin-bookings-page";

/** One page of the matching bookings, each not yet cancelled with its cancellation form. */
export function BookingResultsSection({
  list,
  clubSlug,
  pageHref,
  actions,
}: {
  list: {
    rows: ReadonlyArray<BookingRowView & { courtName: string; cancelReason: string | null }>;
    total: number;
    page: number;
    pages: number;
  };
  clubSlug: string;
  /** The URL of a page of the list, with its filters. */
  pageHref: (page: number) => string;
  actions: { cancel: FormAction };
}) {
  const here = pageHref(list.page);
  return (
    <AdminSection id="results" title={resultsHeading(list)} className="mt-6">
      {list.rows.length === 0 ? (
        <p className="mt-2 text-slate-700">No booking matches these filters.</p>
      ) : (
        <table className="mt-2 w-full border-collapse text-left text-sm">
          <caption className="sr-only">Bookings</caption>
          <thead>
            <tr className="border-b border-slate-400">
              <th scope="col" className="py-1 pr-2">
                When
              </th>
              <th scope="col" className="py-1 pr-2">
                Court
              </th>
              <th scope="col" className="py-1 pr-2">
                Players
              </th>
              <th scope="col" className="py-1 pr-2">
                Status
              </th>
              <th scope="col" className="py-1">
                Action
              </th>
            </tr>
          </thead>
          <tbody>
            {list.rows.map((b) => {
              const when = bookingWhen(b);
              return (
                <tr
                  key={b.id}
                  className="border-b border-slate-200 align-top"
                  data-testid="booking-row"
                >
                  <td className="py-2 pr-2">
                    {when.date}
                    <br />
                    {when.time}
                  </td>
                  <td className="py-2 pr-2">{b.courtName}</td>
                  <td className="py-2 pr-2">{playersText(b)}</td>
                  <td className="py-2 pr-2">
                    {statusLabel(b)}
                    {b.cancelReason ? (
                      <span className="block text-slate-600">Reason: {b.cancelReason}</span>
                    ) : null}
                  </td>
                  <td className="py-2">
                    {isCancellable(b) ? (
                      <ActionForm action={actions.cancel} label={cancelBookingLabel(b)}>
                        <input type="hidden" name="club" value={clubSlug} />
                        <input type="hidden" name="bookingId" value={b.id} />
                        <input type="hidden" name="next" value={here} />
                        <Field
                          required
                          name="reason"
                          label="Reason told to the players"
                          idSuffix={b.id}
                          maxLength={500}
                        />
                        <SubmitButton variant="danger">Cancel booking</SubmitButton>
                      </ActionForm>
                    ) : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <Pager page={list.page} pages={list.pages} href={pageHref} />
    </AdminSection>
  );
}
