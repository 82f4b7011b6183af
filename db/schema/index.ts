export * from "./users";
export * from "./orgs";
export * from "./audit";
export * from "./oauth";
export * from "./rate-limits";
