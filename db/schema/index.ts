export * from "./users";
export * from "./orgs";
export * from "./audit";
export * from "./keys";
export * from "./resources";
