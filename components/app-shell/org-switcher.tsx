"use client";

import { Check, ChevronsUpDown, Plus } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { switchOrganization } from "@/app/(app)/actions";
import { CreateOrganizationDialog } from "@/app/(app)/organizations/create-organization-dialog";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";

type Props = {
  current: { id: string; name: string };
  organizations: { id: string; name: string; role: string }[];
};

export function OrgSwitcher({ current, organizations }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [creating, setCreating] = useState(false);
  const choose = (id: string) =>
    startTransition(async () => {
      const result = await switchOrganization(id);
      if (!result.ok) {
        toast.error(result.message);
        return;
      }
      router.push("/settings/general");
      router.refresh();
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
          <DropdownMenuItem onSelect={() => setCreating(true)}>
            <Plus className="size-4" aria-hidden />
            Create organization
          </DropdownMenuItem>
        </DropdownMenuContent>
      </DropdownMenu>
      <CreateOrganizationDialog open={creating} onOpenChange={setCreating} />
    </>
  );
}
