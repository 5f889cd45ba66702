"use server";

import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { updateEmailPreferences } from "@/server/mail/update-email-preferences";

export async function saveEmailPreferences(formData: FormData): Promise<void> {
  const token = String(formData.get("token") ?? "");
  const subscribed = formData.getAll("category").map(String);
  const h = await headers();
  await updateEmailPreferences(token, subscribed, { userAgent: h.get("user-agent") });
  redirect(`/email-preferences/${encodeURIComponent(token)}?saved=1`);
}
