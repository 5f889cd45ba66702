import "server-only";
/**
 * The body of every server action of the club-setup screens (not a use case itself): refuse a
 * cross-site call, read the club from the form, run the use case (which authorizes), and turn
 * its outcome into form state. A stale or foreign id (NOT_FOUND after the role check passed)
 * becomes a form error rather than an error page; refusals of the role check stay 404s.
 */
import { revalidatePath } from "next/cache";
import type { FormState } from "@/lib/form-state";
import { actionContext, type RequestContext } from "@/server/auth/request-context";
import { AppError } from "@/server/errors";
import { formObject, formValues, runFormAction } from "@/server/forms/run-form-action";

export async function runSetupAction(
  formData: FormData,
  section: string,
  fn: (slug: string, input: Record<string, string>, ctx: RequestContext) => Promise<string>,
): Promise<FormState> {
  return runFormAction(formData, async () => {
    const ctx = await actionContext();
    const club = formData.get("club");
    const slug = typeof club === "string" ? club : "";
    try {
      const message = await fn(slug, formObject(formData), ctx);
      revalidatePath(`/c/${slug}/admin${section}`);
      revalidatePath(`/c/${slug}/planning`);
      return { status: "success", message };
    } catch (err) {
      if (err instanceof AppError && err.code === "NOT_FOUND") {
        return { status: "error", message: err.message, values: formValues(formData) };
      }
      throw err;
    }
  });
}
