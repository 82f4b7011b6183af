/**
 * How the log names a System actor: "System" alone for the app's own work (a failed export
 * email), or with who acted at the console, e.g. "System (operator alice)" for keys:revoke.
 */
export function systemActorLabel(name: string | null | undefined): string {
  return name ? `System (${name})` : "System";
}
