"use client";
/**
 * Polls GET /api/payments/{id}/status every 2 seconds while the payment is still moving
 * (`poll`: pending, a refund under way) and re-renders the server page once its status changes;
 * it stops at a final state. It only reads: the page never changes a payment. Without JavaScript the page
 * offers a refresh link instead.
 */
import { useRouter } from "next/navigation";
import { useEffect } from "react";

const INTERVAL_MS = 2_000;

export function PaymentStatusPoller({
  paymentId,
  status,
  poll,
}: {
  paymentId: string;
  /** The status the page was rendered with. */
  status: string;
  /** Whether the status may still change by itself. */
  poll: boolean;
}) {
  const router = useRouter();

  useEffect(() => {
    if (!poll) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      try {
        const res = await fetch(`/api/payments/${encodeURIComponent(paymentId)}/status`, {
          cache: "no-store",
          headers: { Accept: "application/json" },
        });
        if (res.ok) {
          const body = (await res.json()) as { status?: string };
          if (!stopped && body.status && body.status !== status) {
            stopped = true;
            router.refresh();
            return;
          }
        } else if (res.status === 401 || res.status === 404) {
          stopped = true;
          return;
        }
      } catch {
        // Offline for a moment: try again at the next tick.
      }
      if (!stopped) timer = setTimeout(tick, INTERVAL_MS);
    };
    timer = setTimeout(tick, INTERVAL_MS);
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    };
  }, [paymentId, status, poll, router]);

  return null;
}
