import "server-only";
/**
 * The body of every server action of the club admin screens (not a use case itself): refuse a
 * cross-site call, read the club from the form, run the use case (which authorizes), and turn
 * its outcome into form state. A stale or foreign id (NOT_FOUND after the role check passed)
 * becomes a form error rather than an error page; refusals of the role check stay 404s.
 */
import { revalidatePath } from "next/cache";
import type { FormState } from "@/lib/form-state";
import { actionContext, type RequestContext } from "@/server/auth/request-context";
import { AppError } from "@/server/errors";
import { formObject, formText, formValues, runFormAction } from "@/server/forms/run-form-action";

/** A use case of a club admin screen, called with the club's slug and the form's fields. */
export type ClubFormUseCase<T> = (
  slug: string,
  input: Record<string, string>,
  ctx: RequestContext,
) => Promise<T>;

/** Runs `fn` for the club named by the form; `done` answers its result (or redirects). */
export async function runClubAction<T>(
  formData: FormData,
  fn: ClubFormUseCase<T>,
  done: (slug: string, result: T) => FormState,
): Promise<FormState> {
  return runFormAction(formData, async () => {
    const ctx = await actionContext();
    const slug = formText(formData, "club");
    let result: T;
    try {
      result = await fn(slug, formObject(formData), ctx);
    } catch (err) {
      if (err instanceof AppError && err.code === "NOT_FOUND") {
        return { status: "error", message: err.message, values: formValues(formData) };
      }
      throw err;
    }
    return done(slug, result);
  });
}

/** A club-setup action: the use case's message on success, the section and planning revalidated. */
export async function runSetupAction(
  formData: FormData,
  section: string,
  fn: ClubFormUseCase<string>,
): Promise<FormState> {
  return runClubAction(formData, fn, (slug, message) => {
    revalidatePath(`/c/${slug}/admin${section}`);
    revalidatePath(`/c/${slug}/planning`);
    return { status: "success", message };
  });
}
