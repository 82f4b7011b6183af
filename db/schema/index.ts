export * from "./users";
export * from "./orgs";
export * from "./audit";
export * from "./keys";
export * from "./resources";
export * from "./oauth";
export * from "./rate-limits";
export * from "./invitations";
