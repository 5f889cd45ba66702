/** The confirmations after a booking was cancelled or made (lib/admin-bookings-page.ts bookingNotices). */
export function BookingNotices({ messages }: { messages: ReadonlyArray<string> }) {
  return messages.map((message) => (
    <p
      key={message}
      role="status"
      className="mt-4 rounded border border-green-300 bg-green-50 p-3 text-green-900"
    >
      {message}
    </p>
  ));
}
