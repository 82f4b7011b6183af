"use client";

import { Pencil, Trash2, X } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useRunAction } from "@/components/forms/use-run-action";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { addTeamMember, deleteTeam, removeTeamMember, renameTeam } from "./actions";

type Person = { userId: string; name: string; email: string };
type Props = {
  team: { id: string; name: string };
  members: Person[];
  candidates: Person[];
  canManage: boolean;
};

export function TeamCard({ team, members, candidates, canManage }: Props) {
  const router = useRouter();
  const [pending, run] = useRunAction();
  const [renameOpen, setRenameOpen] = useState(false);
  const [newName, setNewName] = useState(team.name);
  const [candidate, setCandidate] = useState("");
  const available = candidates.filter((c) => !members.some((m) => m.userId === c.userId));
  const refresh = () => router.refresh();

  return (
    <article aria-labelledby={`team-${team.id}`} className="bg-card rounded-lg border p-4">
      <div className="flex items-center gap-2">
        <h3 id={`team-${team.id}`} className="flex-1 font-medium">
          {team.name}
        </h3>
        {canManage && (
          <>
            <Dialog open={renameOpen} onOpenChange={setRenameOpen}>
              <DialogTrigger asChild>
                <Button variant="ghost" size="icon" aria-label={`Rename ${team.name}`}>
                  <Pencil className="size-4" aria-hidden />
                </Button>
              </DialogTrigger>
              <DialogContent>
                <DialogHeader>
                  <DialogTitle>Rename team</DialogTitle>
                  <DialogDescription>
                    Audit events keep the name the team had at the time.
                  </DialogDescription>
                </DialogHeader>
                <form
                  className="grid gap-4"
                  onSubmit={(e) => {
                    e.preventDefault();
                    run(renameTeam, { teamId: team.id, name: newName }, () => {
                      setRenameOpen(false);
                      refresh();
                    });
                  }}
                >
                  <div className="grid gap-2">
                    <Label htmlFor={`rename-${team.id}`}>Team name</Label>
                    <Input
                      id={`rename-${team.id}`}
                      value={newName}
                      onChange={(e) => setNewName(e.target.value)}
                      required
                    />
                  </div>
                  <DialogFooter>
                    <Button type="submit" disabled={pending}>
                      Save
                    </Button>
                  </DialogFooter>
                </form>
              </DialogContent>
            </Dialog>
            <AlertDialog>
              <AlertDialogTrigger asChild>
                <Button variant="ghost" size="icon" aria-label={`Delete ${team.name}`}>
                  <Trash2 className="size-4" aria-hidden />
                </Button>
              </AlertDialogTrigger>
              <AlertDialogContent>
                <AlertDialogHeader>
                  <AlertDialogTitle>Delete {team.name}?</AlertDialogTitle>
                  <AlertDialogDescription>
                    Its members stay in the organization; keys assigned to the team keep working
                    without a team.
                  </AlertDialogDescription>
                </AlertDialogHeader>
                <AlertDialogFooter>
                  <AlertDialogCancel>Cancel</AlertDialogCancel>
                  <AlertDialogAction
                    className="bg-destructive text-white hover:bg-destructive/90"
                    onClick={() => run(deleteTeam, { teamId: team.id }, refresh)}
                  >
                    Delete team
                  </AlertDialogAction>
                </AlertDialogFooter>
              </AlertDialogContent>
            </AlertDialog>
          </>
        )}
      </div>
      <ul className="mt-3 space-y-1 text-sm" aria-label={`Members of ${team.name}`}>
        {members.length === 0 && <li className="text-muted-foreground">No members yet.</li>}
        {members.map((m) => (
          <li key={m.userId} className="flex items-center gap-2">
            <span className="flex-1">
              {m.name} <span className="text-muted-foreground">{m.email}</span>
            </span>
            {canManage && (
              <Button
                variant="ghost"
                size="icon"
                aria-label={`Remove ${m.email} from ${team.name}`}
                disabled={pending}
                onClick={() =>
                  run(removeTeamMember, { teamId: team.id, userId: m.userId }, refresh)
                }
              >
                <X className="size-4" aria-hidden />
              </Button>
            )}
          </li>
        ))}
      </ul>
      {canManage && available.length > 0 && (
        <form
          className="mt-3 flex gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            run(addTeamMember, { teamId: team.id, userId: candidate }, () => {
              setCandidate("");
              refresh();
            });
          }}
        >
          <NativeSelect
            aria-label={`Member to add to ${team.name}`}
            value={candidate}
            onChange={(e) => setCandidate(e.target.value)}
            required
          >
            <option value="">Choose a member…</option>
            {available.map((c) => (
              <option key={c.userId} value={c.userId}>
                {c.name} ({c.email})
              </option>
            ))}
          </NativeSelect>
          <Button type="submit" variant="secondary" disabled={pending || !candidate}>
            Add to team
          </Button>
        </form>
      )}
    </article>
  );
}
