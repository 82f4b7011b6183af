"use client";

import { Check, ChevronsUpDown, Plus } from "lucide-react";
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { switchOrganization } from "@/app/(app)/actions";
import { useActionCall } from "@/components/forms/use-run-action";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { useDialogs } from "./use-dialogs";

// Loaded when first opened: every page carries the switcher, few people create organizations.
const CreateOrganizationDialog = dynamic(() =>
  import("@/app/(app)/organizations/create-organization-dialog").then(
    (m) => m.CreateOrganizationDialog,
  ),
);

type Props = {
  current: { id: string; name: string };
  organizations: { id: string; name: string; role: string }[];
};

export function OrgSwitcher({ current, organizations }: Props) {
  const router = useRouter();
  const { pending, call } = useActionCall();
  const dialogs = useDialogs<"create">();
  const choose = (id: string) =>
    call(() => switchOrganization(id), {
      silent: true,
      onSuccess: () => {
        router.push("/settings/general");
        router.refresh();
      },
    });
  return (
    <>
      <DropdownMenu>
        <DropdownMenuTrigger asChild>
          <Button
            variant="ghost"
            size="sm"
            disabled={pending}
            aria-label={`${current.name}, switch organization`}
          >
            {current.name}
            <ChevronsUpDown className="size-4 opacity-60" aria-hidden />
          </Button>
        </DropdownMenuTrigger>
        <DropdownMenuContent align="start">
          <DropdownMenuLabel>Organizations</DropdownMenuLabel>
          <DropdownMenuSeparator />
          {organizations.map((org) => (
            <DropdownMenuItem key={org.id} onSelect={() => org.id !== current.id && choose(org.id)}>
              <Check
                className={org.id === current.id ? "size-4" : "size-4 opacity-0"}
                aria-hidden
              />
              {org.name}
              <span className="text-muted-foreground ml-auto pl-4 text-xs capitalize">
                {org.role}
              </span>
            </DropdownMenuItem>
          ))}
          <DropdownMenuSeparator />
          <DropdownMenuItem onSelect={() => dialogs.show("create")}>
            <Plus className="size-4" aria-hidden />
            Create organization
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      {dialogs.wasOpened("create") && (
        <CreateOrganizationDialog
          open={dialogs.isOpen("create")}
          onOpenChange={dialogs.onOpenChange}
        />
      )}
    </>
  );
}
