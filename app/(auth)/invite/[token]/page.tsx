import type { Metadata } from "next";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { roleWithArticle, unusableLinkMessages } from "@/lib/invitations/status";
import { invitationPath } from "@/lib/invitations/token";
import { AcceptForm } from "./accept-form";
import { CreateAccountForm } from "./create-account-form";
import { loadInvitationView, type InvitationView } from "./load";
import { signOutToInvitation } from "./actions";

// The token is in the path: no Referer may carry it to another site.
export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

const unusableTitles = {
  invalid: "Invitation link not valid",
  expired: "Invitation expired",
  accepted: "Invitation already used",
  revoked: "Invitation revoked",
} as const;

export default async function InvitationPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const view = await loadInvitationView(token);
  if (view.step === "unusable") {
    return (
      <>
        <h1 className="mb-2 text-xl font-semibold">{unusableTitles[view.reason]}</h1>
        <p className="text-muted-foreground mb-6 text-sm">{unusableLinkMessages[view.reason]}</p>
        <Button asChild className="w-full">
          {view.signedIn ? (
            <Link href="/settings/integrations">Go to Latchkey</Link>
          ) : (
            <Link href="/login">Sign in</Link>
          )}
        </Button>
      </>
    );
  }
  const { invitation } = view;
  return (
    <>
      <h1 className="mb-1 text-xl font-semibold">Join {invitation.orgName}</h1>
      <p className="text-muted-foreground mb-6 text-sm">
        {invitation.invitedBy ?? "An admin"} invited <strong>{invitation.email}</strong> to join{" "}
        {invitation.orgName} as {roleWithArticle(invitation.role)}.
      </p>
      <InvitationStep view={view} token={token} />
    </>
  );
}

function InvitationStep({
  view,
  token,
}: {
  view: Exclude<InvitationView, { step: "unusable" }>;
  token: string;
}) {
  const { invitation } = view;
  switch (view.step) {
    case "create-account":
      return <CreateAccountForm token={token} email={invitation.email} />;
    case "sign-in":
      return (
        <>
          <p className="mb-4 text-sm">
            {invitation.email} already has a Latchkey account. Sign in to accept the invitation.
          </p>
          <Button asChild className="w-full">
            <Link href={`/login?${new URLSearchParams({ callbackUrl: invitationPath(token) })}`}>
              Sign in to accept
            </Link>
          </Button>
        </>
      );
    case "accept":
      return <AcceptForm token={token} signedInAs={view.signedInAs!} />;
    case "already-member":
      return (
        <>
          <p className="mb-4 text-sm">You&apos;re already a member of {invitation.orgName}.</p>
          <Button asChild className="w-full">
            <Link href="/settings/integrations">Go to Latchkey</Link>
          </Button>
        </>
      );
    case "switch-account":
      return (
        <>
          <p className="mb-4 text-sm" data-testid="switch-account">
            You&apos;re signed in as <strong>{view.signedInAs}</strong>. This invitation is for{" "}
            <strong>{invitation.email}</strong>: sign out, then sign in as {invitation.email} (or
            create its account) to accept it.
          </p>
          <form action={signOutToInvitation}>
            <input type="hidden" name="token" value={token} />
            <Button type="submit" className="w-full">
              Sign out and continue
            </Button>
          </form>
        </>
      );
  }
}
