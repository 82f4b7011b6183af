"use client";

import { createContext, useContext } from "react";
import type { TeamOption } from "./key-fields";

// Table cells reach the teams through context so the column definitions can stay module constants:
// new cell functions on each render would remount the rows and lose an open dialog's state.
const TeamsContext = createContext<TeamOption[]>([]);

export const TeamsProvider = TeamsContext.Provider;
export const useTeams = () => useContext(TeamsContext);
